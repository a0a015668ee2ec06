using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// The partner a partner manager works for, read from the manager's own record: every partner
/// self-service handler scopes by it, never by a partner id from the request.
/// </summary>
public static class ManagedPartner
{
    public const string NotAttached = "This account is not attached to a partner.";

    public sealed record Info(int Id, string Name, bool SellersActivatedByPartner);

    public static async Task<Info> OfAsync(IClubDb db, Guid managerId, CancellationToken cancellationToken) =>
        await db.Members
            .Where(m => m.Id == managerId && m.PartnerId != null)
            .Join(db.Partners, m => m.PartnerId, p => p.Id, (m, p) => new Info(p.Id, p.Name, p.SellersActivatedByPartner))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(NotAttached);
}
