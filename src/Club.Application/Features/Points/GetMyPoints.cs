using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Sales;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>A member's balance and latest movements, each with what it was for.</summary>
public sealed record GetMyPointsQuery(Guid MemberId, int Take = 200) : IQuery<MyPoints>;

public sealed record MyPoints(int Balance, IReadOnlyList<MyPointsEntry> History, int? ExpiringSoon, DateTimeOffset? NextExpiry);

/// <summary>
/// One movement; ProductName is the item's product, for entries about a tag (a registration) or a sale
/// (a seller's confirmed sale); Comment is the
/// club's comment on a correction, when staff chose to show it.
/// </summary>
public sealed record MyPointsEntry(DateTimeOffset At, int Amount, PointsReason Reason, string? ProductName, string? Comment = null);

public sealed class GetMyPointsHandler(IClubDbFactory dbFactory, PointsSettings settings) : IQueryHandler<GetMyPointsQuery, MyPoints>
{
    public async ValueTask<MyPoints> Handle(GetMyPointsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var balance = await db.PointsBalances.Where(b => b.MemberId == query.MemberId).Select(b => (int?)b.Balance)
            .SingleOrDefaultAsync(cancellationToken) ?? 0;
        var entries = await db.PointsEntries.AsNoTracking()
            .Where(e => e.MemberId == query.MemberId)
            .OrderByDescending(e => e.Id)
            .Take(Math.Clamp(query.Take, 1, 1000))
            .ToListAsync(cancellationToken);

        var tagIds = entries.Where(e => e.ReferenceType == PointsLedger.TagReference)
            .Select(e => long.TryParse(e.ReferenceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        var products = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                where tagIds.Contains(t.Id)
                select new { t.Id, p.Name })
            .ToDictionaryAsync(x => x.Id.ToString(CultureInfo.InvariantCulture), x => x.Name, cancellationToken);

        var saleIds = entries.Where(e => e.ReferenceType == SaleConfirmations.SaleReference)
            .Select(e => long.TryParse(e.ReferenceId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        var soldProducts = saleIds.Count == 0
            ? []
            : await (
                    from s in db.Sales
                    join t in db.Tags on s.TagId equals t.Id
                    join b in db.TagBatches on t.BatchId equals b.Id
                    join p in db.Products on b.ProductId equals p.Id
                    where saleIds.Contains(s.Id)
                    select new { s.Id, p.Name })
                .ToDictionaryAsync(x => x.Id.ToString(CultureInfo.InvariantCulture), x => x.Name, cancellationToken);

        var adjustmentIds = entries.Where(e => e.ReferenceType == PointsAdjustment.ReferenceType)
            .Select(e => Guid.TryParse(e.ReferenceId, out var id) ? id : Guid.Empty).ToList();
        var comments = adjustmentIds.Count == 0
            ? []
            : await db.PointsAdjustments.Where(a => adjustmentIds.Contains(a.Id) && a.ShowComment)
                .ToDictionaryAsync(a => a.Id.ToString("D", CultureInfo.InvariantCulture), a => a.Comment, cancellationToken);

        // Lots earned on one (club) day expire on one day: show them as one amount.
        var open = await db.PointsLots.Where(l => l.MemberId == query.MemberId && l.Remaining > 0)
            .OrderBy(l => l.ExpiresAt).Select(l => new { l.ExpiresAt, l.Remaining }).Take(1000).ToListAsync(cancellationToken);
        var firstDay = open.Count == 0 ? (DateOnly?)null : settings.Today(open[0].ExpiresAt);
        var next = firstDay is null ? null : new
        {
            At = open[0].ExpiresAt,
            Points = open.Where(l => settings.Today(l.ExpiresAt) == firstDay).Sum(l => l.Remaining),
        };

        return new MyPoints(
            balance,
            entries.Select(e => new MyPointsEntry(e.CreatedAt, e.Amount, e.Reason,
                e.ReferenceType switch
                {
                    PointsLedger.TagReference => products.GetValueOrDefault(e.ReferenceId),
                    SaleConfirmations.SaleReference => soldProducts.GetValueOrDefault(e.ReferenceId),
                    _ => null,
                },
                e.ReferenceType == PointsAdjustment.ReferenceType ? comments.GetValueOrDefault(e.ReferenceId) : null)).ToList(),
            next?.Points,
            next?.At);
    }
}
