using System.Security.Claims;

namespace Club.Web.Components.Shared;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in member's id (Identity puts the user id in the name-identifier claim).</summary>
    public static Guid MemberId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The page requires a signed-in member.");
}
