using Club.Application.Abstractions;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>A seller's claims, newest first, with their state (waiting for the buyer, declined, disputed...) and points.</summary>
public sealed record ListMySalesQuery(Guid SellerId, int Limit = 200) : IQuery<IReadOnlyList<MySale>>;

public sealed record MySale(long Id, long TagId, string ProductName, DateTimeOffset RecordedAt, SaleState State, SaleFlag Flag, int Points);

public sealed class ListMySalesHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<ListMySalesQuery, IReadOnlyList<MySale>>
{
    public async ValueTask<IReadOnlyList<MySale>> Handle(ListMySalesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        // A claim past its window can no longer be confirmed; it shows as expired even before the
        // expiry job has written that down.
        var now = clock.GetUtcNow();
        var (registrationCutoff, answerCutoff) = (now.AddDays(-policy.WindowDays), now.AddDays(-policy.AnswerDays));
        return await (
                from s in db.Sales
                where s.SellerId == query.SellerId
                join t in db.Tags on s.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                orderby s.RecordedAt descending, s.Id descending
                select new MySale(s.Id, s.TagId, p.Name, s.RecordedAt,
                    (s.State == SaleState.AwaitingBuyer && s.RecordedAt < registrationCutoff)
                        || (s.State == SaleState.AwaitingConfirmation && s.RecordedAt < answerCutoff) ? SaleState.Expired : s.State,
                    s.Flag, s.Points))
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .ToListAsync(cancellationToken);
    }
}
