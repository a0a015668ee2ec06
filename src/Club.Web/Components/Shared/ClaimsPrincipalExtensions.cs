using System.Security.Claims;
using Club.Application.Features.Catalog;
using Club.Domain.Members;

namespace Club.Web.Components.Shared;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in member's id (Identity puts the user id in the name-identifier claim).</summary>
    public static Guid MemberId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The page requires a signed-in member.");

    /// <summary>Program managers and admins: they see drafts and every partner's material.</summary>
    public static bool IsBrandStaff(this ClaimsPrincipal user) => user.IsInRole(Roles.ProgramManager) || user.IsInRole(Roles.Admin);

    /// <summary>
    /// Who limits what a shared staff page edits: null for brand staff (everything), otherwise the signed-in
    /// partner manager, whose handlers then keep to their own partner's records.
    /// </summary>
    public static Guid? PartnerManagerScope(this ClaimsPrincipal user) => user.IsBrandStaff() ? null : user.MemberId();

    /// <summary>The signed-in member as a gift catalog viewer, with the roles that decide which gifts they see.</summary>
    public static GiftViewer GiftViewer(this ClaimsPrincipal user) =>
        new(user.MemberId(), user.IsInRole(Roles.Buyer), user.IsInRole(Roles.Seller));
}
