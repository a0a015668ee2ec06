using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Club.Application.Features.PartnerApi;
using Club.Domain.PartnerApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Club.Web.Api;

/// <summary>
/// The API's authentication: the key in "Authorization: Bearer &lt;key&gt;" or, for tools that cannot set
/// that header, "X-Api-Key: &lt;key&gt;". Only the API's endpoints use this scheme; the site's pages keep
/// their cookie. Failures are answered with problems, never with a redirect to the sign-in page.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyAuthenticator keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ScopeClaim = "scope";
    public const string PartnerClaim = "partner";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var caller = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired API key.");
        }

        Context.Items[typeof(ApiCaller)] = caller;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, caller.Prefix),
            new(PartnerClaim, caller.PartnerId.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(Enum.GetValues<ApiScopes>().Where(s => s != ApiScopes.None && caller.May(s)).Select(s => new Claim(ScopeClaim, s.ToString())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ApiProblems.WriteAsync(Context, "unauthorized",
            "Send a valid API key: \"Authorization: Bearer <key>\" or \"X-Api-Key: <key>\". Keys are given by the club's program manager.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, "missing-scope", "This API key may not do this; ask the club's program manager for a key with the scope it needs.");

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }
}

public static class ApiCallers
{
    /// <summary>The authenticated caller of an API endpoint (set by the handler above).</summary>
    public static ApiCaller Caller(this HttpContext http) =>
        http.Items[typeof(ApiCaller)] as ApiCaller ?? throw new InvalidOperationException("Not an authenticated API request.");
}
