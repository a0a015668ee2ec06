using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using Club.Web.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Club.Web.Endpoints;

/// <summary>Posts per minute allowed on scan pages (registration, problem reports), from Club:RateLimits.</summary>
public sealed class RegistrationLimitOptions
{
    public const string Section = "Club:RateLimits";

    public int PerAccountPerMinute { get; set; } = 10;
    public int PerAddressPerMinute { get; set; } = 30;
}

/// <summary>
/// Guessing scratch codes is limited three ways: per tag in the database (the tag locks), and here per
/// account and per client address, so one account cannot sweep many tags and one address cannot use
/// many accounts. Only posts to scan pages are limited; reading a tag stays free.
/// </summary>
public static class RegistrationRateLimits
{
    public static IServiceCollection AddRegistrationRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RegistrationLimitOptions>().BindConfiguration(RegistrationLimitOptions.Section);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    IsScanPagePost(http) && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } account
                        ? PerMinute("account:" + account, Limits(http).PerAccountPerMinute)
                        : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    IsScanPagePost(http)
                        ? PerMinute("address:" + http.Connection.RemoteIpAddress, Limits(http).PerAddressPerMinute)
                        : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = WriteTooManyRequestsAsync;
        });
        return services;
    }

    public static bool IsScanPagePost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/T", StringComparison.OrdinalIgnoreCase);

    private static RegistrationLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<RegistrationLimitOptions>>().Value;

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>A plain page in the visitor's language with when to try again, and the Retry-After header.</summary>
    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/html; charset=utf-8";

        var L = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var html = http.RequestServices.GetRequiredService<HtmlEncoder>();
        var back = html.Encode(http.Request.Path.Value ?? "/");
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{html.Encode(L["Too many attempts"])}</title><link rel="stylesheet" href="/app.css" /></head>
            <body><main>
            <h1>{html.Encode(L["Too many attempts"])}</h1>
            <p class="alert error" role="alert">{html.Encode(L["Too many codes were entered from this account or network. Please wait {0} seconds and try again.", seconds])}</p>
            <p><a class="button" href="{back}">{html.Encode(L["Back to the tag"])}</a></p>
            </main></body></html>
            """, cancellationToken);
    }
}
