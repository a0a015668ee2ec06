using System.Linq.Expressions;
using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// The seller side of one of the buyer's items: the question waiting for the buyer ("did this seller
/// sell you the item?"), who is recorded as its seller, and, when nobody is, the sellers the buyer may
/// name (the active sellers of the shops of the partner the item's batch was shipped to).
/// </summary>
public sealed record GetItemSaleQuery(Guid BuyerId, string? Serial) : IQuery<ItemSale?>;

/// <summary>
/// A claim waiting for the buyer's answer; Paid: recorded before the registration and paid then (a no takes
/// it back); Owned: the buyer still owns the item (else it was passed on after the question was put).
/// </summary>
public sealed record SaleQuestion(long SaleId, string Serial, string ProductName, string SellerName, string ShopName, bool Paid, bool Owned = true)
{
    /// <summary>
    /// Claims <paramref name="buyerId"/> may still answer: put to them (they owned the item when it was
    /// claimed or confirmed, whoever owns it now), made after the registration and waiting, or paid at
    /// the registration and not answered yet; either within the answer days.
    /// </summary>
    public static Expression<Func<Sale, bool>> Open(Guid buyerId, DateTimeOffset now, int answerDays)
    {
        var since = now.AddDays(-answerDays);
        return s => s.BuyerId == buyerId
            && ((s.State == SaleState.AwaitingConfirmation && s.RecordedAt >= since)
                || (s.State == SaleState.Confirmed && !s.NamedByBuyer && s.BuyerAnsweredAt == null && s.ConfirmedAt >= since));
    }
}

/// <summary>A seller as buyers see them: first name and shop.</summary>
public sealed record SellerChoice(Guid SellerId, string Name, string ShopName);

public sealed record ItemSale(string Serial, SaleQuestion? Question, SellerChoice? Seller, SaleState? State, IReadOnlyList<SellerChoice> Sellers)
{
    /// <summary>Nobody holds the item's sale and the registration is recent enough: the buyer may name the seller.</summary>
    public bool CanNameSeller => Sellers.Count > 0;
}

public sealed class GetItemSaleHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock) : IQueryHandler<GetItemSaleQuery, ItemSale?>
{
    /// <summary>Enough for the largest partner's sellers in one list.</summary>
    private const int MaxSellers = 300;

    public async ValueTask<ItemSale?> Handle(GetItemSaleQuery query, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(query.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var tag = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                where t.Id == tagId && t.OwnerMemberId == query.BuyerId && t.State == TagState.Registered
                select new { t.RegisteredAt, b.PartnerId, Product = p.Name })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        var serial = codes.SerialOf(tagId);
        var holding = await (
                from s in db.Sales.Where(SaleClaims.Holding(policy, now))
                where s.TagId == tagId
                join m in db.Members on s.SellerId equals m.Id
                join shop in db.Shops on s.ShopId equals shop.Id
                select new { s.Id, s.SellerId, s.State, m.FullName, Shop = shop.Name })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (holding is not null)
        {
            var seller = new SellerChoice(holding.SellerId, SaleClaims.FirstName(holding.FullName), holding.Shop);
            var open = await db.Sales.Where(s => s.Id == holding.Id).Where(SaleQuestion.Open(query.BuyerId, now, policy.AnswerDays)).AnyAsync(cancellationToken);
            var question = open
                ? new SaleQuestion(holding.Id, serial, tag.Product, seller.Name, seller.ShopName, holding.State == SaleState.Confirmed)
                : null;
            return new ItemSale(serial, question, seller, holding.State, []);
        }

        if (tag.PartnerId is not { } partnerId || tag.RegisteredAt < now.AddDays(-policy.WindowDays))
        {
            return new ItemSale(serial, null, null, null, []);
        }

        // A seller whose claim on the item was turned down in this cycle cannot be named for it; one whose
        // claim waits as a dispute can (naming promotes that claim).
        var cycle = await SaleClaims.CycleAsync(db, tagId, cancellationToken);
        var sellers = await (
                from m in db.Members
                where m.PartnerId == partnerId && m.SellerStatus == SellerStatus.Active && m.Id != query.BuyerId
                    && !db.Sales.Any(s => s.TagId == tagId && s.Cycle == cycle && s.SellerId == m.Id
                                          && s.State != SaleState.Expired && s.State != SaleState.Disputed)
                join shop in db.Shops on m.ShopId equals shop.Id
                orderby shop.Name, m.FullName
                select new { m.Id, m.FullName, Shop = shop.Name })
            .AsNoTracking().Take(MaxSellers).ToListAsync(cancellationToken);
        return new ItemSale(serial, null, null, null, sellers.Select(s => new SellerChoice(s.Id, SaleClaims.FirstName(s.FullName), s.Shop)).ToList());
    }
}
