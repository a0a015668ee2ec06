using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Members;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// A seller's leaderboard for one calendar month of the club's time zone (Month as typed, "yyyy-MM"; empty
/// or not a past or current month: this month): among the sellers of their own partner, or of all partners
/// (AllPartners). The partner is always the asking seller's own, never a parameter, so a seller cannot look
/// at another partner's board.
/// </summary>
public sealed record GetLeaderboardQuery(Guid SellerId, string? Month, bool AllPartners) : IQuery<Leaderboard>;

/// <summary>
/// The top <see cref="GetLeaderboardHandler.Top"/> places, plus the asking seller's own row (IsMe) wherever
/// it is; Months are the months a seller can look back at, newest first, as "yyyy-MM".
/// </summary>
public sealed record Leaderboard(string Month, IReadOnlyList<string> Months, bool AllPartners, string? PartnerName, IReadOnlyList<LeaderboardRow> Rows);

/// <summary>A place (sellers with equal points and sales share it), the name as its seller chose to show it (null: hidden).</summary>
public sealed record LeaderboardRow(int Place, string? Name, int Sales, int Points, bool IsMe);

public sealed class GetLeaderboardHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock)
    : IQueryHandler<GetLeaderboardQuery, Leaderboard>
{
    public const int Top = 20;

    /// <summary>How far back a seller can look: a year of monthly results.</summary>
    public const int MonthsKept = 12;

    public async ValueTask<Leaderboard> Handle(GetLeaderboardQuery query, CancellationToken cancellationToken)
    {
        var today = settings.Today(clock.GetUtcNow());
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var months = Enumerable.Range(0, MonthsKept).Select(i => thisMonth.AddMonths(-i)).ToList();
        var month = DateOnly.TryParseExact(query.Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked)
            && months.Contains(asked) ? asked : thisMonth;
        var (from, to) = (settings.StartOf(month), settings.StartOf(month.AddMonths(1)));

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var seller = await db.Members.AsNoTracking().Where(m => m.Id == query.SellerId)
            .Select(m => new { m.PartnerId, Partner = db.Partners.Where(p => p.Id == m.PartnerId).Select(p => p.Name).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No such seller.");
        int? partnerId = query.AllPartners ? null : seller.PartnerId ?? -1;

        // Confirmed sales only: their confirmation time and points never change once confirmed, so a past month
        // is recomputed from them as it was (a sale returned later leaves the month it was confirmed in).
        var rows = await db.Database.SqlQuery<RankedSeller>($"""
            WITH totals AS (
                SELECT s.seller_id, count(*)::int AS sales, sum(s.points + s.promotion_points)::int AS points
                FROM sales s
                WHERE s.state = {nameof(SaleState.Confirmed)} AND s.confirmed_at >= {from} AND s.confirmed_at < {to}
                  AND ({partnerId}::int IS NULL OR s.partner_id = {partnerId})
                GROUP BY s.seller_id),
            ranked AS (
                SELECT t.*, rank() OVER (ORDER BY t.points DESC, t.sales DESC)::int AS place,
                       row_number() OVER (ORDER BY t.points DESC, t.sales DESC, t.seller_id) AS n
                FROM totals t)
            SELECT r.place, m.full_name, m.name_to_sellers AS display, r.sales, r.points, r.seller_id = {query.SellerId} AS is_me
            FROM ranked r JOIN members m ON m.id = r.seller_id
            WHERE r.n <= {Top} OR r.seller_id = {query.SellerId}
            ORDER BY r.n
            """).ToListAsync(cancellationToken);

        return new Leaderboard(
            Key(month), months.Select(Key).ToList(), query.AllPartners, seller.Partner,
            rows.Select(r => new LeaderboardRow(r.Place, SellerNames.ShownToSellers(r.FullName, Enum.Parse<SellerNameDisplay>(r.Display)), r.Sales, r.Points, r.IsMe))
                .ToList());
    }

    private static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private sealed record RankedSeller(int Place, string FullName, string Display, int Sales, int Points, bool IsMe);
}
