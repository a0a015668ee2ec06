using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// What a seller card's QR opens: the seller (first name and shop) and, for a signed-in buyer, their
/// items that can still be attributed (registered within the window, no seller recorded).
/// </summary>
public sealed record GetSellerByCardQuery(string? Code, Guid? BuyerId) : IQuery<SellerByCard?>;

public sealed record ItemChoice(string Serial, string ProductName);

public sealed record SellerByCard(string Code, string Name, string ShopName, IReadOnlyList<ItemChoice> Items);

public sealed class GetSellerByCardHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock) : IQueryHandler<GetSellerByCardQuery, SellerByCard?>
{
    public async ValueTask<SellerByCard?> Handle(GetSellerByCardQuery query, CancellationToken cancellationToken)
    {
        if (SellerCards.Normalize(query.Code) is not { } code)
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var seller = await (
                from c in db.SellerCards
                where c.Code == code
                join m in db.Members on c.SellerId equals m.Id
                where m.SellerStatus == SellerStatus.Active
                join shop in db.Shops on m.ShopId equals shop.Id
                select new { m.FullName, Shop = shop.Name })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (seller is null)
        {
            return null;
        }

        var items = new List<ItemChoice>();
        if (query.BuyerId is { } buyer)
        {
            var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
            var now = clock.GetUtcNow();
            var since = now.AddDays(-policy.WindowDays);
            var holding = db.Sales.Where(SaleClaims.Holding(policy, now));
            var rows = await (
                    from t in db.Tags
                    where t.OwnerMemberId == buyer && t.State == TagState.Registered && t.RegisteredAt >= since
                        && !holding.Any(s => s.TagId == t.Id)
                    join b in db.TagBatches on t.BatchId equals b.Id
                    join p in db.Products on b.ProductId equals p.Id
                    orderby t.RegisteredAt descending
                    select new { t.Id, p.Name })
                .AsNoTracking().Take(50).ToListAsync(cancellationToken);
            items.AddRange(rows.Select(r => new ItemChoice(codes.SerialOf(r.Id), r.Name)));
        }

        return new SellerByCard(code, SaleClaims.FirstName(seller.FullName), seller.Shop, items);
    }
}
