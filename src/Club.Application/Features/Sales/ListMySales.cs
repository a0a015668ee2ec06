using Club.Application.Abstractions;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// A seller's claims, newest first, with the item (product and the tag's serial, so two sales of one
/// product tell apart), their state (waiting for the buyer, declined, disputed...) and points: the sale's own
/// and its seller promotion's bonus together, as the leaderboard and the confirmation mail count them.
/// </summary>
public sealed record ListMySalesQuery(Guid SellerId, int Limit = 200) : IQuery<IReadOnlyList<MySale>>;

public sealed record MySale(long Id, long TagId, string Serial, string ProductName, DateTimeOffset RecordedAt, SaleState State, SaleFlag Flag, int Points);

public sealed class ListMySalesHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock) : IQueryHandler<ListMySalesQuery, IReadOnlyList<MySale>>
{
    public async ValueTask<IReadOnlyList<MySale>> Handle(ListMySalesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
        // A claim past its window can no longer be confirmed; it shows as expired even before the
        // expiry job has written that down.
        var now = clock.GetUtcNow();
        var (registrationCutoff, answerCutoff) = (now.AddDays(-policy.WindowDays), now.AddDays(-policy.AnswerDays));
        var rows = await (
                from s in db.Sales
                where s.SellerId == query.SellerId
                join t in db.Tags on s.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                orderby s.RecordedAt descending, s.Id descending
                select new
                {
                    s.Id, s.TagId, p.Name, s.RecordedAt,
                    State = (s.State == SaleState.AwaitingBuyer && s.RecordedAt < registrationCutoff)
                        || (s.State == SaleState.AwaitingConfirmation && s.RecordedAt < answerCutoff) ? SaleState.Expired : s.State,
                    s.Flag, Points = s.Points + s.PromotionPoints,
                })
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MySale(r.Id, r.TagId, codes.SerialOf(r.TagId), r.Name, r.RecordedAt, r.State, r.Flag, r.Points)).ToList();
    }
}
