using System.Globalization;
using System.Text.Encodings.Web;
using Club.Application.Abstractions;
using Club.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Club.Web.Endpoints;

/// <summary>
/// The database being down, restarting or out of connections (a burst on several nodes) is not the
/// visitor's error and not a bug: it answers 503 with Retry-After and a plain page in the visitor's
/// language, instead of the 500 "something went wrong" page. Nothing is half done: each use case
/// writes in one transaction, which the failure rolled back.
/// </summary>
internal sealed class DatabaseUnavailableMiddleware(RequestDelegate next, IDatabaseErrors errors, ILogger<DatabaseUnavailableMiddleware> logger)
{
    public const int RetryAfterSeconds = 30;

    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (errors.IsUnavailable(ex) && !http.Response.HasStarted)
        {
            logger.LogWarning("Database unavailable for {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, ex.GetBaseException().Message);
            await WriteAsync(http);
        }
    }

    private static async Task WriteAsync(HttpContext http)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";

        var L = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var html = http.RequestServices.GetRequiredService<HtmlEncoder>();
        var here = html.Encode((http.Request.PathBase + http.Request.Path + http.Request.QueryString).ToString());
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{html.Encode(L["The site is busy"])}</title><link rel="stylesheet" href="/app.css" /></head>
            <body><main>
            <h1>{html.Encode(L["The site is busy"])}</h1>
            <p class="alert error" role="alert">{html.Encode(L["The club's database is not answering right now. Nothing was changed. Please try again in {0} seconds.", RetryAfterSeconds])}</p>
            <p><a class="button" href="{here}">{html.Encode(L["Try again"])}</a></p>
            </main></body></html>
            """, CancellationToken.None);
    }
}
