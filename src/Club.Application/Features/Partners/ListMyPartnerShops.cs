using Club.Application.Abstractions;
using Club.Domain.Partners;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// The shops of the partner the asking manager belongs to. The partner comes from the member's own
/// record, never from the request, so a manager cannot ask for another partner's shops.
/// </summary>
public sealed record ListMyPartnerShopsQuery(Guid ManagerId) : IQuery<PartnerShops>;

public sealed record PartnerShops(string PartnerName, IReadOnlyList<ShopRow> Shops);

public sealed record ShopRow(int Id, string Name, ShopKind Kind, string Address, string? Website);

public sealed class ListMyPartnerShopsHandler(IClubDbFactory dbFactory)
    : IQueryHandler<ListMyPartnerShopsQuery, PartnerShops>
{
    public async ValueTask<PartnerShops> Handle(ListMyPartnerShopsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await db.Members
            .Where(m => m.Id == query.ManagerId && m.PartnerId != null)
            .Join(db.Partners, m => m.PartnerId, p => p.Id, (m, p) => p)
            .AsNoTracking()
            .Include(p => p.Shops)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("This account is not attached to a partner.");

        var shops = partner.Shops
            .OrderBy(s => s.Name)
            .Select(s => new ShopRow(s.Id, s.Name, s.Kind, s.Address.ToString(), s.Website))
            .ToList();
        return new PartnerShops(partner.Name, shops);
    }
}
