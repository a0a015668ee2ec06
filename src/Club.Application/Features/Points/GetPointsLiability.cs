using Club.Application.Abstractions;
using Club.Domain.Points;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>
/// What the program owes in points at <paramref name="Now"/> (null: the clock's now), read straight from
/// the ledger: open lots by partner, by batch and by month earned, what expires within 30 and 90 days,
/// and what was redeemed (gift orders), refunded and expired per month. Months are the club's calendar
/// months (Club:Jobs:TimeZone).
/// </summary>
public sealed record GetPointsLiabilityQuery(DateTimeOffset? Now = null) : IQuery<PointsLiability>;

/// <summary>
/// Outstanding: points in open lots, what members (and other accounts) can still spend. Balances: the
/// sum of the balance rows, equal to Outstanding while the ledger holds. Debts: points taken back that
/// balances could not cover, settled by later credits. Journal: the sum of all entries, Balances - Debts.
/// </summary>
public sealed record PointsLiability(
    DateTimeOffset At,
    long Outstanding,
    long Balances,
    long Debts,
    long Journal,
    long ExpiringIn30Days,
    long ExpiringIn90Days,
    IReadOnlyList<LiabilityLine> ByPartner,
    IReadOnlyList<LiabilityLine> ByBatch,
    IReadOnlyList<LiabilityLine> ByMonthEarned,
    IReadOnlyList<RedeemedMonth> RedeemedByMonth,
    IReadOnlyList<BudgetLine> PartnerBudgets);

/// <summary>
/// A partner's bonus budget (a ledger account of its own, counted in Outstanding too): what it holds,
/// what the brand has put in and what the partner has paid its sellers from it.
/// </summary>
public sealed record BudgetLine(string Partner, long Balance, long ToppedUp, long Paid);

/// <summary>One line of a breakdown: its name (null: lots without a partner or batch, e.g. activities and corrections), points and lots open.</summary>
public sealed record LiabilityLine(string? Name, long Points, long Lots);

/// <summary>A club month (yyyy-MM): points spent on gift orders, given back by refunds, and expired.</summary>
public sealed record RedeemedMonth(string Month, long Redeemed, long Refunded, long Expired);

public sealed class GetPointsLiabilityHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock)
    : IQueryHandler<GetPointsLiabilityQuery, PointsLiability>
{
    public async ValueTask<PointsLiability> Handle(GetPointsLiabilityQuery query, CancellationToken cancellationToken)
    {
        var now = query.Now ?? clock.GetUtcNow();
        var zone = settings.TimeZone;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // One snapshot for every figure: the totals and breakdowns agree even while points move.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

        var totals = (await db.Database.SqlQuery<Totals>($"""
            SELECT (SELECT coalesce(sum(remaining), 0) FROM points_lots WHERE remaining > 0) AS outstanding,
                   (SELECT coalesce(sum(remaining) FILTER (WHERE expires_at < {now.AddDays(30)}), 0) FROM points_lots WHERE remaining > 0) AS expiring30,
                   (SELECT coalesce(sum(remaining) FILTER (WHERE expires_at < {now.AddDays(90)}), 0) FROM points_lots WHERE remaining > 0) AS expiring90,
                   (SELECT coalesce(sum(balance), 0) FROM points_balances) AS balances,
                   (SELECT coalesce(sum(debt), 0) FROM points_balances) AS debts,
                   (SELECT coalesce(sum(amount), 0) FROM points_entries) AS journal
            """).ToListAsync(cancellationToken))[0];

        var byPartner = await db.Database.SqlQuery<LiabilityLine>($"""
            SELECT p.name, sum(l.remaining)::bigint AS points, count(*) AS lots
            FROM points_lots l LEFT JOIN partners p ON p.id = l.partner_id
            WHERE l.remaining > 0
            GROUP BY l.partner_id, p.name
            ORDER BY points DESC, p.name
            """).ToListAsync(cancellationToken);

        var byBatch = await db.Database.SqlQuery<BatchRow>($"""
            SELECT l.batch_id, pr.name AS product, sum(l.remaining)::bigint AS points, count(*) AS lots
            FROM points_lots l LEFT JOIN tag_batches b ON b.id = l.batch_id LEFT JOIN products pr ON pr.id = b.product_id
            WHERE l.remaining > 0
            GROUP BY l.batch_id, pr.name
            ORDER BY points DESC, l.batch_id
            """).ToListAsync(cancellationToken);

        var byMonth = await db.Database.SqlQuery<LiabilityLine>($"""
            SELECT to_char(l.earned_at AT TIME ZONE {zone}, 'YYYY-MM') AS name, sum(l.remaining)::bigint AS points, count(*) AS lots
            FROM points_lots l
            WHERE l.remaining > 0
            GROUP BY 1
            ORDER BY 1 DESC
            """).ToListAsync(cancellationToken);

        var (ordered, refunded, expired) = (nameof(PointsReason.GiftOrdered), nameof(PointsReason.GiftRefunded), nameof(PointsReason.Expired));
        var redeemed = await db.Database.SqlQuery<RedeemedMonth>($"""
            SELECT to_char(created_at AT TIME ZONE {zone}, 'YYYY-MM') AS month,
                   coalesce(-sum(amount) FILTER (WHERE reason = {ordered}), 0)::bigint AS redeemed,
                   coalesce(sum(amount) FILTER (WHERE reason = {refunded}), 0)::bigint AS refunded,
                   coalesce(-sum(amount) FILTER (WHERE reason = {expired}), 0)::bigint AS expired
            FROM points_entries
            WHERE reason IN ({ordered}, {refunded}, {expired})
            GROUP BY 1
            ORDER BY 1 DESC
            """).ToListAsync(cancellationToken);

        var budgetKind = nameof(PointsAccountKind.PartnerBudget);
        var budgets = await db.Database.SqlQuery<BudgetLine>($"""
            SELECT p.name AS partner, b.balance::bigint AS balance,
                   coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0)::bigint AS topped_up,
                   coalesce(-sum(e.amount) FILTER (WHERE e.amount < 0), 0)::bigint AS paid
            FROM points_accounts a
            JOIN partners p ON p.id = a.partner_id
            JOIN points_balances b ON b.member_id = a.id
            LEFT JOIN points_entries e ON e.member_id = a.id
            WHERE a.kind = {budgetKind}
            GROUP BY p.name, b.balance
            ORDER BY p.name
            """).ToListAsync(cancellationToken);

        return new PointsLiability(now, totals.Outstanding, totals.Balances, totals.Debts, totals.Journal, totals.Expiring30, totals.Expiring90,
            byPartner,
            byBatch.Select(b => new LiabilityLine(b.BatchId is { } id ? $"{TagBatch.FormatNumber(id)} {b.Product}" : null, b.Points, b.Lots)).ToList(),
            byMonth,
            redeemed,
            budgets);
    }

    private sealed record Totals(long Outstanding, long Expiring30, long Expiring90, long Balances, long Debts, long Journal);

    private sealed record BatchRow(int? BatchId, string? Product, long Points, long Lots);
}
