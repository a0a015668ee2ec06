using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// Unregistered tags that took more wrong codes than a buyer types (<see cref="ScratchGuessLimits.FreeWrongCodesPerTag"/>)
/// in the last <see cref="ListTagsUnderAttackQuery.Days"/> days, most recent first: someone may be guessing.
/// </summary>
public sealed record ListTagsUnderAttackQuery(int Days = 7, int Take = 200) : IQuery<IReadOnlyList<TagUnderAttack>>;

/// <summary>PausedUntil is null when the pause is over (or a manager ended it).</summary>
public sealed record TagUnderAttack(string Serial, string ProductName, int WrongCodes, DateTimeOffset LastWrongCodeAt, DateTimeOffset? PausedUntil);

public sealed class ListTagsUnderAttackHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock)
    : IQueryHandler<ListTagsUnderAttackQuery, IReadOnlyList<TagUnderAttack>>
{
    public async ValueTask<IReadOnlyList<TagUnderAttack>> Handle(ListTagsUnderAttackQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now.AddDays(-Math.Clamp(query.Days, 1, 365));
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // The filter matches the partial index ix_tags_under_attack, so millions of quiet tags are not read.
        var rows = await (
                from t in db.Tags.AsNoTracking()
                where t.FailedAttempts >= ScratchGuessLimits.FreeWrongCodesPerTag && t.LastWrongCodeAt > since && t.State == TagState.Issued
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                orderby t.LastWrongCodeAt descending
                select new { t.Id, p.Name, t.FailedAttempts, t.LastWrongCodeAt, t.GuessingPausedUntil })
            .Take(Math.Clamp(query.Take, 1, 1000))
            .ToListAsync(cancellationToken);
        return rows.Select(r => new TagUnderAttack(codes.SerialOf(r.Id), r.Name, r.FailedAttempts, r.LastWrongCodeAt!.Value,
            r.GuessingPausedUntil > now ? r.GuessingPausedUntil : null)).ToList();
    }
}
