using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// The sellers of the asking partner manager's own partner (the partner comes from the manager's own
/// record, never from the request), with their state and sales: recorded and confirmed by buyers.
/// </summary>
public sealed record ListMyPartnerSellersQuery(Guid ManagerId) : IQuery<PartnerSellers>;

/// <summary><paramref name="MayDecide"/>: the brand lets this partner's managers activate or reject new sellers.</summary>
public sealed record PartnerSellers(string PartnerName, bool MayDecide, IReadOnlyList<PartnerSellerRow> Sellers);

public sealed record PartnerSellerRow(Guid Id, string FullName, string ShopName, string? Position, SellerStatus Status, int SalesRecorded, int SalesConfirmed, int SalesDeclined);

public sealed class ListMyPartnerSellersHandler(IClubDbFactory dbFactory) : IQueryHandler<ListMyPartnerSellersQuery, PartnerSellers>
{
    public async ValueTask<PartnerSellers> Handle(ListMyPartnerSellersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ManagedPartner.OfAsync(db, query.ManagerId, cancellationToken);

        var sellers = await (
                from m in db.Members
                where m.PartnerId == partner.Id && m.SellerStatus != null
                join shop in db.Shops on m.ShopId equals shop.Id
                orderby m.SellerStatus == SellerStatus.Pending descending, shop.Name, m.FullName
                select new PartnerSellerRow(
                    m.Id, m.FullName, shop.Name, m.Position, m.SellerStatus!.Value,
                    db.Sales.Count(s => s.SellerId == m.Id),
                    db.Sales.Count(s => s.SellerId == m.Id && s.State == SaleState.Confirmed),
                    db.Sales.Count(s => s.SellerId == m.Id && s.State == SaleState.Declined)))
            .ToListAsync(cancellationToken);
        return new PartnerSellers(partner.Name, partner.SellersActivatedByPartner, sellers);
    }
}
