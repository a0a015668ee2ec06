using Club.Application.Abstractions;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>A seller's recorded sales, newest first, with their state and points.</summary>
public sealed record ListMySalesQuery(Guid SellerId, int Limit = 200) : IQuery<IReadOnlyList<MySale>>;

public sealed record MySale(long Id, long TagId, string ProductName, DateTimeOffset RecordedAt, SaleState State, SaleFlag Flag, int Points);

public sealed class ListMySalesHandler(IClubDbFactory dbFactory, SalesRules rules, TimeProvider clock) : IQueryHandler<ListMySalesQuery, IReadOnlyList<MySale>>
{
    public async ValueTask<IReadOnlyList<MySale>> Handle(ListMySalesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // A sale past its window can no longer be confirmed (SaleConfirmations refuses it); it shows as
        // expired even before the expiry job has written that down.
        var cutoff = clock.GetUtcNow().AddDays(-rules.WindowDays);
        return await (
                from s in db.Sales
                where s.SellerId == query.SellerId
                join t in db.Tags on s.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                orderby s.RecordedAt descending, s.Id descending
                select new MySale(s.Id, s.TagId, p.Name, s.RecordedAt,
                    s.State == SaleState.AwaitingBuyer && s.RecordedAt < cutoff ? SaleState.Expired : s.State, s.Flag, s.Points))
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .ToListAsync(cancellationToken);
    }
}
