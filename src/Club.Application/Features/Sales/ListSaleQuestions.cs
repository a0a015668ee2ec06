using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>The questions waiting for a buyer ("did this seller sell you the item?"), for the cabinet, newest first.</summary>
public sealed record ListSaleQuestionsQuery(Guid BuyerId) : IQuery<IReadOnlyList<SaleQuestion>>;

public sealed class ListSaleQuestionsHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock)
    : IQueryHandler<ListSaleQuestionsQuery, IReadOnlyList<SaleQuestion>>
{
    public async ValueTask<IReadOnlyList<SaleQuestion>> Handle(ListSaleQuestionsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        var rows = await (
                from s in db.Sales.Where(SaleQuestion.Open(query.BuyerId, clock.GetUtcNow(), policy.AnswerDays))
                join t in db.Tags on s.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                join m in db.Members on s.SellerId equals m.Id
                join shop in db.Shops on s.ShopId equals shop.Id
                orderby s.RecordedAt descending
                select new { s.Id, s.TagId, Product = p.Name, m.FullName, Shop = shop.Name, s.State, Owned = t.OwnerMemberId == query.BuyerId })
            .AsNoTracking().Take(50).ToListAsync(cancellationToken);
        return rows.Select(r => new SaleQuestion(
            r.Id, codes.SerialOf(r.TagId), r.Product, SaleClaims.FirstName(r.FullName), r.Shop, r.State == Domain.Sales.SaleState.Confirmed, r.Owned)).ToList();
    }
}
