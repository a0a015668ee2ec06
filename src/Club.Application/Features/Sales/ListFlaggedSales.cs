using Club.Application.Abstractions;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>Sales held for a program manager's review (grey market, self-purchase), oldest first.</summary>
public sealed record ListFlaggedSalesQuery(int Limit = 200) : IQuery<IReadOnlyList<FlaggedSale>>;

public sealed record FlaggedSale(
    long Id, string SellerName, string ShopName, string PartnerName, string ProductName, string? ShippedToPartner,
    DateTimeOffset RecordedAt, SaleFlag Flag, bool BuyerRegistered);

public sealed class ListFlaggedSalesHandler(IClubDbFactory dbFactory) : IQueryHandler<ListFlaggedSalesQuery, IReadOnlyList<FlaggedSale>>
{
    public async ValueTask<IReadOnlyList<FlaggedSale>> Handle(ListFlaggedSalesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await (
                from s in db.Sales
                where s.State == SaleState.Flagged
                join seller in db.Members on s.SellerId equals seller.Id
                join shop in db.Shops on s.ShopId equals shop.Id
                join partner in db.Partners on s.PartnerId equals partner.Id
                join t in db.Tags on s.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                orderby s.RecordedAt
                select new FlaggedSale(
                    s.Id, seller.FullName, shop.Name, partner.Name, p.Name,
                    db.Partners.Where(x => x.Id == b.PartnerId).Select(x => x.Name).FirstOrDefault(),
                    s.RecordedAt, s.Flag, t.OwnerMemberId != null))
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .ToListAsync(cancellationToken);
    }
}
