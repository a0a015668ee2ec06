using System.Globalization;
using System.Text.Encodings.Web;
using Club.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Club.Web.Security;

/// <summary>
/// Refuses, before any page or handler runs, a request whose path, query values or form fields carry
/// control characters: a NUL cannot be stored or even compared by PostgreSQL (error 22021, a 500), and
/// the others only ever come from tampering. Form fields may hold tabs and line breaks (text areas).
/// A refused link gets 400 with a plain page; a refused form is sent on by <c>RefusedFormMiddleware</c>
/// to the page that says nothing was changed.
/// </summary>
public sealed class ControlCharacterFilter(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (HasControl(request.Path.Value, allowLineBreaks: false)
            || request.Query.Any(pair => HasControl(pair.Key, false) || pair.Value.Any(value => HasControl(value, false))))
        {
            await WriteRefusedLinkAsync(http);
            return;
        }

        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType && await FormRefusalAsync(request) is { } status)
        {
            http.Response.StatusCode = status;
            return;
        }

        await next(http);
    }

    /// <summary>Null for a clean form; else 413 for one past the size limit, 400 for one malformed or with control characters.</summary>
    private static async Task<int?> FormRefusalAsync(HttpRequest request)
    {
        IFormCollection form;
        try
        {
            // Read once here; the page's binding and the antiforgery check use the same cached form.
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return StatusCodes.Status413PayloadTooLarge;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            // Malformed: refused like any form that cannot be read.
            return StatusCodes.Status400BadRequest;
        }

        return form.Any(pair => HasControl(pair.Key, false) || pair.Value.Any(value => HasControl(value, allowLineBreaks: true)))
            ? StatusCodes.Status400BadRequest
            : null;
    }

    private static bool HasControl(string? value, bool allowLineBreaks)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\r' or '\n'))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task WriteRefusedLinkAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/html; charset=utf-8";
        var L = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var html = http.RequestServices.GetRequiredService<HtmlEncoder>();
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{html.Encode(L["Invalid address"])}</title><link rel="stylesheet" href="/app.css" /></head>
            <body><main>
            <h1>{html.Encode(L["Invalid address"])}</h1>
            <p class="alert error" role="alert">{html.Encode(L["This address contains characters that links never have. Nothing was done."])}</p>
            <p><a class="button" href="/">{html.Encode(L["Home"])}</a></p>
            </main></body></html>
            """, http.RequestAborted);
    }
}
