using Club.Web.Localization;
using Microsoft.AspNetCore.Localization;

namespace Club.Web.Endpoints;

public static class CultureEndpoints
{
    /// <summary>GET /culture/en?returnUrl=/cabinet sets the language cookie and goes back; works without scripts.</summary>
    public static void MapCultureEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!SupportedCultures.All.Contains(culture))
            {
                return Results.BadRequest("Unsupported language.");
            }

            http.Response.Cookies.Append(
                SupportedCultures.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(SafeLocalUrl(returnUrl));
        });

    /// <summary>
    /// Only paths on this site: an open redirect would let phishing mails borrow our address. No control
    /// characters either: browsers drop tabs and line breaks from a link, so "/\t/evil.example" would
    /// become "//evil.example" once clicked (the rule of ASP.NET's IsLocalUrl).
    /// </summary>
    public static string SafeLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl)
            ? url
            : "/";
}
