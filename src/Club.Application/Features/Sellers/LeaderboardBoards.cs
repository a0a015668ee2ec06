using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// The monthly boards of confirmed sales: a month of the club's time zone, a partner's sellers or all.
/// This month's board is computed on every read; a closed month's is frozen into leaderboard_standings the
/// first time it is read or its prizes are awarded, and read from there ever after, so a sale returned or
/// reviewed later no longer moves anyone on it.
/// </summary>
public sealed class LeaderboardBoards(PointsSettings settings, TimeProvider clock)
{
    /// <summary>How far back a seller can look: a year of monthly results.</summary>
    public const int MonthsKept = 12;

    /// <summary>This month, the first day in the club's time zone.</summary>
    public DateOnly ThisMonth
    {
        get
        {
            var today = settings.Today(clock.GetUtcNow());
            return new DateOnly(today.Year, today.Month, 1);
        }
    }

    /// <summary>The months one can look back at, newest (this month) first.</summary>
    public IReadOnlyList<DateOnly> Months => Enumerable.Range(0, MonthsKept).Select(i => ThisMonth.AddMonths(-i)).ToList();

    /// <summary>The month typed as "yyyy-MM" when it is one of <see cref="Months"/>, else null.</summary>
    public DateOnly? Parse(string? month) =>
        DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) && Months.Contains(asked) ? asked : null;

    public static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The month's first and the next month's first moment, in UTC.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Bounds(DateOnly month) => (settings.StartOf(month), settings.StartOf(month.AddMonths(1)));

    /// <summary>
    /// The month's sellers ranked by points (promotion bonuses included), then sales; equal figures share a
    /// place. Confirmed sales only, counted in the month they were confirmed. The CTE "ranked" (seller_id,
    /// sales, points, place); the arguments are the positions of the from, to and partner (0: all) parameters.
    /// </summary>
    private static string RankedSql(int from, int to, int partner) => $$"""
        WITH totals AS (
            SELECT s.seller_id, count(*)::int AS sales, sum(s.points + s.promotion_points)::int AS points
            FROM sales s
            WHERE s.state = '{{nameof(SaleState.Confirmed)}}' AND s.confirmed_at >= {{P(from)}} AND s.confirmed_at < {{P(to)}}
              AND ({{P(partner)}} = 0 OR s.partner_id = {{P(partner)}})
            GROUP BY s.seller_id),
        ranked AS (
            SELECT t.seller_id, t.sales, t.points, rank() OVER (ORDER BY t.points DESC, t.sales DESC)::int AS place
            FROM totals t)
        """;

    /// <summary>
    /// Reads the first lines and one seller's line from the CTE "ranked", in place order (ties by sales,
    /// then id, so the cut is stable); the arguments are the positions of the top and seller parameters.
    /// </summary>
    private static string LinesSql(int top, int me) => $$"""
        , numbered AS (SELECT r.*, row_number() OVER (ORDER BY r.place, r.sales DESC, r.seller_id) AS n FROM ranked r)
        SELECT r.seller_id, r.place, m.full_name, m.name_to_sellers AS display, r.sales, r.points
        FROM numbered r JOIN members m ON m.id = r.seller_id
        WHERE r.n <= {{P(top)}} OR r.seller_id = {{P(me)}}
        ORDER BY r.n
        """;

    /// <summary>A positional parameter's placeholder: only these, never values, are spliced into the SQL.</summary>
    private static string P(int position) => "{" + position.ToString(CultureInfo.InvariantCulture) + "}";

    /// <summary>
    /// The frozen board of a closed month: made (with all its standings) by the first caller, in a
    /// transaction of its own; a caller at the same moment waits on the unique (month, partner) index and
    /// then reads the same board. Returns the board's id.
    /// </summary>
    public async Task<int> FrozenAsync(IClubDb db, DateOnly month, int? partnerId, CancellationToken cancellationToken)
    {
        if (month >= ThisMonth)
        {
            throw new ArgumentException("Only a month that has ended is frozen.", nameof(month));
        }

        var (from, to) = Bounds(month);
        var now = clock.GetUtcNow();
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            var created = await db.Database.SqlQuery<int>($"""
                INSERT INTO leaderboard_months (month, partner_id, frozen_at) VALUES ({month}, {partnerId}, {now})
                ON CONFLICT DO NOTHING
                RETURNING id AS "Value"
                """).ToListAsync(cancellationToken);
            if (created.Count == 1)
            {
                // Only this class's fixed SQL is spliced in; every value is a parameter.
                var freeze = RankedSql(0, 1, 2) + """
                    INSERT INTO leaderboard_standings (board_id, seller_id, place, sales, points)
                    SELECT {3}, seller_id, place, sales, points FROM ranked
                    """;
                await db.Database.ExecuteSqlRawAsync(freeze, [from, to, AllPartnersAsZero(partnerId), created[0]], cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return created.Count == 1
                ? created[0]
                : await db.LeaderboardMonths.Where(b => b.Month == month && b.PartnerId == partnerId).Select(b => b.Id).SingleAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The first <paramref name="top"/> lines of a board (in place order) plus <paramref name="me"/>'s line
    /// wherever it is: a closed month's from its frozen standings, this month's computed now.
    /// </summary>
    public async Task<IReadOnlyList<BoardLine>> LinesAsync(
        IClubDb db, DateOnly month, int? partnerId, int top, Guid? me, CancellationToken cancellationToken)
    {
        // Only this class's fixed SQL is spliced in; every value is a parameter.
        if (month < ThisMonth)
        {
            var board = await FrozenAsync(db, month, partnerId, cancellationToken);
            var frozen = "WITH ranked AS (SELECT seller_id, sales, points, place FROM leaderboard_standings WHERE board_id = {0})" + LinesSql(1, 2);
            return await db.Database.SqlQueryRaw<BoardLine>(frozen, [board, top, me ?? Guid.Empty]).ToListAsync(cancellationToken);
        }

        var (from, to) = Bounds(month);
        var live = RankedSql(0, 1, 2) + LinesSql(3, 4);
        return await db.Database.SqlQueryRaw<BoardLine>(live, [from, to, AllPartnersAsZero(partnerId), top, me ?? Guid.Empty]).ToListAsync(cancellationToken);
    }

    /// <summary>The prizes awarded from a closed month's board, or null.</summary>
    public Task<LeaderboardPrize?> PrizeAsync(IClubDb db, DateOnly month, int? partnerId, CancellationToken cancellationToken) =>
        db.LeaderboardMonths.Where(b => b.Month == month && b.PartnerId == partnerId && b.PrizeContestId != null)
            .Join(db.Contests, b => b.PrizeContestId, c => c.Id, (b, c) => new LeaderboardPrize(c.WinnerCount, c.WinnerPoints, c.Id))
            .Cast<LeaderboardPrize?>()
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Raw SQL parameters cannot be null here (EF maps no type for them): partner ids start at 1, so 0 means all partners.</summary>
    private static int AllPartnersAsZero(int? partnerId) => partnerId ?? 0;
}

/// <summary>One line of a board as stored or computed; the name is the seller's full name and their choice of how sellers see it.</summary>
public sealed record BoardLine(Guid SellerId, int Place, string FullName, string Display, int Sales, int Points);
