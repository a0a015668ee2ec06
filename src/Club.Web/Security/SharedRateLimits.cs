using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Club.Application.Abstractions;
using Club.Web.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Club.Web.Security;

/// <summary>
/// The site's request limits, counted by the shared <see cref="IRateLimiter"/> (PostgreSQL) so they hold
/// across nodes. Only the posts listed here are counted, all of a request's counts in one round trip;
/// reading pages stays free. Over a limit: 429 with Retry-After and a plain page in the visitor's language.
/// </summary>
public sealed class SharedRateLimits(RequestDelegate next, IOptions<RateLimitSettings> options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public async Task InvokeAsync(HttpContext http, IRateLimiter limiter)
    {
        var hits = HitsFor(http, options.Value);
        if (hits.Count == 0)
        {
            await next(http);
            return;
        }

        var result = await limiter.HitAsync(hits, http.RequestAborted);
        if (result.Allowed)
        {
            await next(http);
            return;
        }

        await WriteTooManyRequestsAsync(http, result.RetryAfter, IsScanPagePost(http));
    }

    /// <summary>The counts this request adds to; empty for anything not limited.</summary>
    public static IReadOnlyList<RateLimitHit> HitsFor(HttpContext http, RateLimitSettings limits)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return [];
        }

        var address = ClientPartition(http);
        var path = http.Request.Path;
        if (IsScanPagePost(http))
        {
            var hits = new List<RateLimitHit> { new(new RateLimitRule("scan-post-address", limits.PerAddressPerMinute, Minute), address) };
            if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } account)
            {
                hits.Add(new RateLimitHit(new RateLimitRule("scan-post-account", limits.PerAccountPerMinute, Minute), account));
            }

            return hits;
        }

        // The sign-up link's form takes a password too: guessing it is limited as sign-in is.
        if (path.Equals("/account/sign-in", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/account/confirm-sign-up", StringComparison.OrdinalIgnoreCase))
        {
            return [new RateLimitHit(new RateLimitRule("sign-in-address", limits.SignInPerAddressPerMinute, Minute), address)];
        }

        if (path.Equals("/account/sign-up", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/account/seller-sign-up", StringComparison.OrdinalIgnoreCase))
        {
            return [new RateLimitHit(new RateLimitRule("sign-up-address", limits.SignUpPerAddressPerHour, Hour), address)];
        }

        return [];
    }

    public static bool IsScanPagePost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/T", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The client's address (the real client's once forwarded headers are applied). IPv6 counts per /64:
    /// one home or phone gets a whole /64 and could otherwise use a fresh address per request.
    /// </summary>
    public static string ClientPartition(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    /// <summary>A plain page in the visitor's language with when to try again, and the Retry-After header.</summary>
    private static async Task WriteTooManyRequestsAsync(HttpContext http, TimeSpan retryAfter, bool scanPage)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/html; charset=utf-8";

        var L = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var html = http.RequestServices.GetRequiredService<HtmlEncoder>();
        var back = html.Encode(http.Request.Path.Value ?? "/");
        var message = scanPage
            ? L["Too many codes were entered from this account or network. Please wait {0} seconds and try again.", seconds]
            : L["Too many attempts from this network. Please wait {0} seconds and try again.", seconds];
        var backLabel = scanPage ? L["Back to the tag"] : L["Back to the page"];
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{html.Encode(L["Too many attempts"])}</title><link rel="stylesheet" href="/app.css" /></head>
            <body><main>
            <h1>{html.Encode(L["Too many attempts"])}</h1>
            <p class="alert error" role="alert">{html.Encode(message)}</p>
            <p><a class="button" href="{back}">{html.Encode(backLabel)}</a></p>
            </main></body></html>
            """, http.RequestAborted);
    }
}
