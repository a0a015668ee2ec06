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
        var partner = await ManagedPartner.OfAsync(db, query.ManagerId, cancellationToken);
        var shops = (await db.Shops.AsNoTracking().Where(s => s.PartnerId == partner.Id).ToListAsync(cancellationToken))
            .OrderBy(s => s.Name)
            .Select(s => new ShopRow(s.Id, s.Name, s.Kind, s.Address.ToString(), s.Website))
            .ToList();
        return new PartnerShops(partner.Name, shops);
    }
}
