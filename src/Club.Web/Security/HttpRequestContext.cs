using System.Security.Claims;
using Club.Application.Abstractions;

namespace Club.Web.Security;

/// <summary>
/// The audit log's actor for a web request: the signed-in user and the client's address as the
/// forwarded-headers middleware left it (trusted proxies only, Club:Proxy). Outside a request (jobs,
/// commands) the background actor.
/// </summary>
public sealed class HttpRequestContext(IHttpContextAccessor accessor, BackgroundActor background) : IRequestContext
{
    public RequestActor Actor
    {
        get
        {
            var http = accessor.HttpContext;
            if (http is null)
            {
                return background.Actor;
            }

            var user = http.User;
            Guid? id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : null;
            var name = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "anonymous";
            var address = http.Connection.RemoteIpAddress;
            if (address is { IsIPv4MappedToIPv6: true })
            {
                address = address.MapToIPv4();
            }

            return new RequestActor(id, name, address?.ToString());
        }
    }
}
