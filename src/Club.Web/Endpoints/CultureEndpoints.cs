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
    /// The one check of every return link (sign-in, sign-up, language, refused forms). Only paths on this
    /// site: an open redirect would let phishing mails borrow our address. No control characters either:
    /// browsers drop tabs and line breaks from a link, so "/\t/evil.example" would become "//evil.example"
    /// once clicked (the rule of ASP.NET's IsLocalUrl). Other non-ASCII characters are percent-encoded:
    /// a Location header may carry ASCII only, and the server refuses to send one with "/кабинет" (a 500).
    /// </summary>
    public static string SafeLocalUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || !url.StartsWith('/') || url.StartsWith("//", StringComparison.Ordinal)
            || url.StartsWith("/\\", StringComparison.Ordinal) || url.Any(char.IsControl) || url.Length > 2000)
        {
            return "/";
        }

        if (url.All(char.IsAscii))
        {
            return url;
        }

        var escaped = new System.Text.StringBuilder(url.Length * 2);
        foreach (var rune in url.EnumerateRunes())
        {
            escaped.Append(rune.IsAscii ? rune.ToString() : Uri.EscapeDataString(rune.ToString()));
        }

        return escaped.ToString();
    }
}
