using Club.Application.Features.Privacy;
using Club.Domain.Members;
using Club.Web.Components.Shared;
using Mediator;

namespace Club.Web.Security;

/// <summary>
/// A member (buyer or seller) who has not accepted the latest club rules or privacy policy is sent to
/// <see cref="AcceptPath"/> before the member pages open. Staff pages, the scan page and everything public
/// stay open, and so does the "My data" page: a member who disagrees can still download and delete.
/// </summary>
public sealed class LegalAcceptanceGate(RequestDelegate next)
{
    public const string AcceptPath = "/accept-rules";

    /// <summary>The member area: the cabinet and the pages only members use.</summary>
    private static readonly string[] MemberPages = ["/cabinet", "/gifts", "/activities", "/seller", "/training"];

    private const string MyDataPath = "/cabinet/privacy";

    public async Task InvokeAsync(HttpContext http, IMediator mediator)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true
            && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && (user.IsInRole(Roles.Buyer) || user.IsInRole(Roles.Seller))
            && !Roles.NeedSecondFactor.Any(user.IsInRole)
            && IsMemberPage(http.Request.Path)
            && (await mediator.Send(new GetLegalDocumentsToAcceptQuery(user.MemberId()), http.RequestAborted)).Count > 0)
        {
            var back = http.Request.Path + http.Request.QueryString;
            http.Response.Redirect($"{AcceptPath}?returnUrl={Uri.EscapeDataString(back)}");
            return;
        }

        await next(http);
    }

    private static bool IsMemberPage(PathString path) =>
        !path.StartsWithSegments(MyDataPath, StringComparison.OrdinalIgnoreCase)
        && MemberPages.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
