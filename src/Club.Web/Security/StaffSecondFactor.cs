using Club.Application.Abstractions;
using Club.Domain.Members;

namespace Club.Web.Security;

/// <summary>
/// Staff (admins, program and partner managers, factory staff) work only in a session that passed the
/// second factor. A staff member signed in with the password alone (no authenticator yet) is sent to
/// enrolment before any page works; enrolment, sign-out, the language switch and static files stay open.
/// </summary>
public sealed class StaffSecondFactor(RequestDelegate next)
{
    public const string EnrolmentPath = "/account/two-factor";

    public Task InvokeAsync(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true
            || !Roles.NeedSecondFactor.Any(user.IsInRole)
            || user.HasClaim(SignInMethods.ClaimType, SignInMethods.MultiFactor)
            || IsOpen(http.Request.Path)
            || IsPublicFile(http))
        {
            return next(http);
        }

        var back = http.Request.Path + http.Request.QueryString;
        http.Response.Redirect($"{EnrolmentPath}?returnUrl={Uri.EscapeDataString(back)}");
        return Task.CompletedTask;
    }

    private static bool IsOpen(PathString path) =>
        path.StartsWithSegments(EnrolmentPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/account/sign-out", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/form-not-sent", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/not-found", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Stylesheets, scripts and images that anyone may load. A file name alone is no such sign: the audit,
    /// report and liability exports and the print files end in .csv, .xlsx or .pdf and require a role.
    /// </summary>
    private static bool IsPublicFile(HttpContext http) =>
        Path.HasExtension(http.Request.Path.Value)
        && http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null;
}
