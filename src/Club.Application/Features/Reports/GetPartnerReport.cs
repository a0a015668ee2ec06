using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Application.Features.Partners;
using Club.Application.Features.Points;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Sales;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Reports;

/// <summary>
/// The partner report for a date range (both days included, the club's days): per seller and per shop. The
/// partner is decided here, not by the page: a member attached to a partner (a partner manager) always
/// gets their own partner whatever is asked; brand staff get the partner they ask for, or all; anyone
/// else gets nothing.
/// </summary>
public sealed record GetPartnerReportQuery(Guid ViewerId, int? PartnerId, DateOnly From, DateOnly To, string? Sort = null, bool Descending = true)
    : IQuery<PartnerReport>;

/// <summary>One line of the report. For a shop, the sales figures are those made at the shop and the
/// training, points and rating figures those of the sellers who work there now.</summary>
public sealed class ReportRow
{
    public Guid? SellerId { get; init; }
    public int ShopId { get; init; }
    public string Name { get; init; } = "";
    public string ShopName { get; init; } = "";
    public string PartnerName { get; init; } = "";
    public int RegisteredBuyers { get; init; }
    public int RegisteredItems { get; init; }
    public int SalesRecorded { get; init; }
    public int SalesConfirmed { get; init; }

    /// <summary>Claims the buyer answered "not this seller" to (recorded in the range).</summary>
    public int SalesDeclined { get; init; }
    public int CoursesCompleted { get; init; }
    public int TestsPassed { get; init; }
    public int PointsEarned { get; init; }
    public int PointsSpent { get; init; }

    /// <summary>Seller promotion bonuses of the sales confirmed in the range (a shop's: those of its sellers).</summary>
    public int SellerPromotionPoints { get; init; }

    /// <summary>Survey ratings (1 to 5) about the seller, or about the shop's sellers, submitted in the range.</summary>
    public int Ratings { get; init; }

    public int RatingSum { get; init; }

    /// <summary>
    /// The mean of those ratings to two decimals, null without any. A shop's is the mean of all ratings
    /// about its sellers (each rating weighs the same), not the mean of the sellers' means.
    /// </summary>
    public decimal? AverageRating => Ratings == 0 ? null : Math.Round((decimal)RatingSum / Ratings, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Items registered in one week (starting Monday) from sales at one shop.</summary>
public sealed class WeeklyRegistrations
{
    public int ShopId { get; init; }
    public DateOnly Week { get; init; }
    public int Items { get; init; }
}

/// <summary>
/// One partner's own figures for the range: its bonus budget (what the brand put in, what its managers paid
/// out as bonuses) and the seller promotion bonuses of its sales confirmed in the range.
/// </summary>
public sealed record PartnerTotals(int PartnerId, string PartnerName, int BudgetToppedUp, int BudgetSpent, int SellerPromotionPoints);

/// <summary>
/// A contest that ran at some time within the range: how many entered, how many won and the winner points
/// the ledger paid them. PartnerName is null for a contest open to every member.
/// </summary>
public sealed record ContestResult(
    int ContestId, string Title, string? PartnerName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Entrants, int Winners, int PointsPaid, string? Prize);

public sealed record PartnerReport(
    int? PartnerId, string? PartnerName, DateOnly From, DateOnly To, IReadOnlyList<ReportRow> Sellers, IReadOnlyList<ReportRow> Shops,
    IReadOnlyList<WeeklyRegistrations> Weeks, IReadOnlyList<PartnerTotals> Partners, IReadOnlyList<ContestResult> Contests)
{
    /// <summary>The columns a table may be sorted by (query parameter values).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        nameof(ReportRow.Name), nameof(ReportRow.RegisteredBuyers), nameof(ReportRow.RegisteredItems), nameof(ReportRow.SalesRecorded),
        nameof(ReportRow.SalesConfirmed), nameof(ReportRow.SalesDeclined), nameof(ReportRow.CoursesCompleted), nameof(ReportRow.TestsPassed), nameof(ReportRow.PointsEarned),
        nameof(ReportRow.PointsSpent), nameof(ReportRow.SellerPromotionPoints), nameof(ReportRow.AverageRating), nameof(ReportRow.Ratings),
    ];

    public IReadOnlyList<ReportRow> TopSellers(int count) =>
        Sellers.Where(s => s.RegisteredItems > 0).OrderByDescending(s => s.RegisteredItems).ThenBy(s => s.Name, StringComparer.Ordinal).Take(count).ToList();
}

/// <summary>The sales figures of one seller (level 3), one shop (level 5) or one shop and week (level 4).</summary>
public sealed class SaleFigures
{
    public Guid? SellerId { get; init; }
    public int? ShopId { get; init; }
    public DateOnly? Week { get; init; }
    public int Level { get; init; }
    public int RegisteredBuyers { get; init; }
    public int RegisteredItems { get; init; }
    public int SalesRecorded { get; init; }
    public int SalesConfirmed { get; init; }
    public int SalesDeclined { get; init; }
}

public sealed class GetPartnerReportHandler(IClubDbFactory dbFactory, PointsSettings settings) : IQueryHandler<GetPartnerReportQuery, PartnerReport>
{
    /// <summary>The longest range a report covers, so one request cannot ask the database for decades.</summary>
    public const int MaxDays = 400;

    public async ValueTask<PartnerReport> Handle(GetPartnerReportQuery query, CancellationToken cancellationToken)
    {
        if (query.To < query.From || query.To.DayNumber - query.From.DayNumber > MaxDays)
        {
            throw new ArgumentException("The report covers from 1 to 400 days, the end not before the start.", nameof(query));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partnerId = await ReportScope.PartnerForAsync(db, query.ViewerId, query.PartnerId, cancellationToken);
        var partnerName = partnerId is null ? null : await db.Partners.Where(p => p.Id == partnerId).Select(p => p.Name).SingleAsync(cancellationToken);
        var (from, to) = (settings.StartOf(query.From), settings.StartOf(query.To.AddDays(1)));
        var (confirmed, declined) = (nameof(SaleState.Confirmed), nameof(SaleState.Declined));
        // An item is the registered item of the one claim that holds it (at most one per tag), so summing
        // a column over sellers or shops counts it once, however many declined or disputed claims it has.
        var holding = Sale.HoldingStates.Select(s => s.ToString()).ToList();

        // The sales side in one pass over the partner's sales recorded within the sales window around the
        // range (read from the index sales (partner_id, recorded_at) INCLUDE (tag_id, seller_id, shop_id,
        // state, confirmed_at) alone), each joined to its tag by primary key: a buyer
        // registers within the window before or after the sale is recorded, so nothing outside it counts.
        // GROUPING SETS give the per-seller, per-shop and per-shop-and-week figures from that one scan.
        var windowDays = (await SalesPolicies.CurrentAsync(db, cancellationToken)).WindowDays;
        var (scanFrom, scanTo) = (from.AddDays(-windowDays), to.AddDays(windowDays));
        var figures = await db.Database.SqlQuery<SaleFigures>($"""
            WITH sa AS (
                SELECT x.tag_id, x.seller_id, x.shop_id, x.state, x.recorded_at, x.confirmed_at, t.owner_member_id,
                    CASE WHEN x.state = ANY({holding}) AND t.registered_at >= {from} AND t.registered_at < {to} THEN t.registered_at END AS registered_at
                FROM sales x JOIN tags t ON t.id = x.tag_id
                WHERE ({partnerId}::int IS NULL OR x.partner_id = {partnerId}) AND x.recorded_at >= {scanFrom} AND x.recorded_at < {scanTo}),
            sw AS (SELECT sa.*, date_trunc('week', sa.registered_at AT TIME ZONE {settings.TimeZone})::date AS week FROM sa)
            SELECT seller_id, shop_id, week, grouping(seller_id, shop_id, week) AS level,
                count(DISTINCT owner_member_id) FILTER (WHERE registered_at IS NOT NULL)::int AS registered_buyers,
                count(DISTINCT tag_id) FILTER (WHERE registered_at IS NOT NULL)::int AS registered_items,
                count(*) FILTER (WHERE recorded_at >= {from} AND recorded_at < {to})::int AS sales_recorded,
                count(*) FILTER (WHERE state = {confirmed} AND confirmed_at >= {from} AND confirmed_at < {to})::int AS sales_confirmed,
                count(*) FILTER (WHERE state = {declined} AND recorded_at >= {from} AND recorded_at < {to})::int AS sales_declined
            FROM sw
            GROUP BY GROUPING SETS ((seller_id), (shop_id), (shop_id, week))
            """).ToListAsync(cancellationToken);

        // The member side: each figure a range scan on an index that starts with the member —
        // course_completions (member_id, course_id), test_attempts (member_id, course_id), and
        // points_entries (member_id, created_at) INCLUDE (amount), earned and spent in one index-only
        // scan — and the ratings about the seller through survey_answers (seller_id), each answer's
        // response by primary key for its date.
        var people = await db.Database.SqlQuery<ReportRow>($"""
            SELECT m.id AS seller_id, m.shop_id, m.full_name AS name, sh.name AS shop_name, p.name AS partner_name,
                0 AS registered_buyers, 0 AS registered_items, 0 AS sales_recorded, 0 AS sales_confirmed, 0 AS sales_declined,
                (SELECT count(*)::int FROM course_completions c WHERE c.member_id = m.id AND c.completed_at >= {from} AND c.completed_at < {to}) AS courses_completed,
                (SELECT count(DISTINCT a.course_id)::int FROM test_attempts a WHERE a.member_id = m.id AND a.passed AND a.submitted_at >= {from} AND a.submitted_at < {to}) AS tests_passed,
                e.points_earned, e.points_spent, r.ratings, r.rating_sum,
                (SELECT coalesce(sum(s.promotion_points), 0)::int FROM sales s
                 WHERE s.seller_id = m.id AND s.state = {confirmed} AND s.confirmed_at >= {from} AND s.confirmed_at < {to}) AS seller_promotion_points
            FROM members m JOIN shops sh ON sh.id = m.shop_id JOIN partners p ON p.id = m.partner_id
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0)::int AS points_earned,
                    coalesce(-sum(e.amount) FILTER (WHERE e.amount < 0), 0)::int AS points_spent
                FROM points_entries e WHERE e.member_id = m.id AND e.created_at >= {from} AND e.created_at < {to}) e
            CROSS JOIN LATERAL (
                SELECT count(a.rating)::int AS ratings, coalesce(sum(a.rating), 0)::int AS rating_sum
                FROM survey_answers a JOIN survey_responses sr ON sr.id = a.response_id
                WHERE a.seller_id = m.id AND sr.submitted_at >= {from} AND sr.submitted_at < {to}) r
            WHERE m.seller_status IS NOT NULL AND ({partnerId}::int IS NULL OR m.partner_id = {partnerId})
            """).ToListAsync(cancellationToken);
        var shopList = await db.Shops
            .Where(sh => partnerId == null || sh.PartnerId == partnerId)
            .Select(sh => new { sh.Id, sh.Name, PartnerName = sh.Partner!.Name })
            .ToListAsync(cancellationToken);

        var bySeller = figures.Where(f => f.Level == 3 && f.SellerId != null).ToDictionary(f => f.SellerId!.Value);
        var byShop = figures.Where(f => f.Level == 5 && f.ShopId != null).ToDictionary(f => f.ShopId!.Value);
        var sellers = people
            .Select(m => Row(m.SellerId, m.ShopId, m.Name, m.ShopName, m.PartnerName, bySeller.GetValueOrDefault(m.SellerId!.Value), [m]))
            .ToList();
        var shops = shopList
            .Select(shop => Row(null, shop.Id, shop.Name, shop.Name, shop.PartnerName, byShop.GetValueOrDefault(shop.Id), people.Where(m => m.ShopId == shop.Id).ToList()))
            .ToList();
        var weeks = figures
            .Where(f => f.Level == 4 && f.ShopId != null && f.Week != null && f.RegisteredItems > 0)
            .Select(f => new WeeklyRegistrations { ShopId = f.ShopId!.Value, Week = f.Week!.Value, Items = f.RegisteredItems })
            .OrderBy(w => w.Week).ThenBy(w => w.ShopId)
            .ToList();

        return new PartnerReport(
            partnerId, partnerName, query.From, query.To, Sort(sellers, query.Sort, query.Descending), Sort(shops, query.Sort, query.Descending), weeks,
            await PartnerTotalsAsync(db, partnerId, from, to, cancellationToken), await ContestsAsync(db, partnerId, from, to, cancellationToken));
    }

    /// <summary>
    /// Per partner in scope: its budget account's credits (top-ups) and debits (bonuses paid) in the range, as
    /// the ledger journalled them, and the seller promotion bonuses of its sales confirmed in the range.
    /// </summary>
    private static async Task<IReadOnlyList<PartnerTotals>> PartnerTotalsAsync(
        IClubDb db, int? partnerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var partners = await db.Partners.Where(p => partnerId == null || p.Id == partnerId)
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var budgets = await PointsLedger.TotalsAsync(db, partners.Select(p => PartnerBudgets.AccountId(p.Id)).ToList(), from, to, cancellationToken);
        var promotions = await db.Sales
            .Where(s => (partnerId == null || s.PartnerId == partnerId) && s.State == SaleState.Confirmed && s.ConfirmedAt >= from && s.ConfirmedAt < to)
            .GroupBy(s => s.PartnerId)
            .Select(g => new { PartnerId = g.Key, Points = g.Sum(s => s.PromotionPoints) })
            .ToDictionaryAsync(g => g.PartnerId, g => g.Points, cancellationToken);
        return partners.Select(p =>
        {
            var budget = budgets[PartnerBudgets.AccountId(p.Id)];
            return new PartnerTotals(p.Id, p.Name, budget.Credited, budget.Debited, promotions.GetValueOrDefault(p.Id));
        }).ToList();
    }

    /// <summary>
    /// Contests that ran at some time within the range: the partner's own for one partner, every contest
    /// for all partners. The points paid are the winners' ledger credits, found by their keys.
    /// </summary>
    private static async Task<IReadOnlyList<ContestResult>> ContestsAsync(
        IClubDb db, int? partnerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<ContestResult>($"""
            SELECT c.id AS contest_id, c.title, p.name AS partner_name, c.starts_at, c.ends_at, c.prize,
                (SELECT count(*)::int FROM contest_entries e WHERE e.contest_id = c.id) AS entrants,
                (SELECT count(*)::int FROM contest_entries e WHERE e.contest_id = c.id AND e.won_at IS NOT NULL) AS winners,
                (SELECT coalesce(sum(pe.amount), 0)::int FROM contest_entries e
                 JOIN points_entries pe ON pe.idempotency_key = 'contest:' || c.id || ':' || e.member_id || ':win'
                 WHERE e.contest_id = c.id AND e.won_at IS NOT NULL) AS points_paid
            FROM contests c LEFT JOIN partners p ON p.id = c.partner_id
            WHERE c.starts_at < {to} AND c.ends_at > {from} AND ({partnerId}::int IS NULL OR c.partner_id = {partnerId})
            ORDER BY c.ends_at, c.id
            """).ToListAsync(cancellationToken);

    /// <summary>A line from its sales figures and the member figures (training, points, ratings) of its seller or the shop's sellers, added up.</summary>
    private static ReportRow Row(
        Guid? sellerId, int shopId, string name, string shopName, string partnerName, SaleFigures? sales, IReadOnlyCollection<ReportRow> members) => new()
    {
        SellerId = sellerId, ShopId = shopId, Name = name, ShopName = shopName, PartnerName = partnerName,
        RegisteredBuyers = sales?.RegisteredBuyers ?? 0, RegisteredItems = sales?.RegisteredItems ?? 0,
        SalesRecorded = sales?.SalesRecorded ?? 0, SalesConfirmed = sales?.SalesConfirmed ?? 0, SalesDeclined = sales?.SalesDeclined ?? 0,
        CoursesCompleted = members.Sum(m => m.CoursesCompleted), TestsPassed = members.Sum(m => m.TestsPassed),
        PointsEarned = members.Sum(m => m.PointsEarned), PointsSpent = members.Sum(m => m.PointsSpent),
        SellerPromotionPoints = members.Sum(m => m.SellerPromotionPoints),
        Ratings = members.Sum(m => m.Ratings), RatingSum = members.Sum(m => m.RatingSum),
    };

    /// <summary>Sorted by the asked column (unknown ones sort by name), ties by name, so page and files agree.</summary>
    private static List<ReportRow> Sort(IEnumerable<ReportRow> rows, string? column, bool descending)
    {
        Func<ReportRow, decimal>? key = column switch
        {
            nameof(ReportRow.RegisteredBuyers) => r => r.RegisteredBuyers,
            nameof(ReportRow.RegisteredItems) => r => r.RegisteredItems,
            nameof(ReportRow.SalesRecorded) => r => r.SalesRecorded,
            nameof(ReportRow.SalesConfirmed) => r => r.SalesConfirmed,
            nameof(ReportRow.SalesDeclined) => r => r.SalesDeclined,
            nameof(ReportRow.CoursesCompleted) => r => r.CoursesCompleted,
            nameof(ReportRow.TestsPassed) => r => r.TestsPassed,
            nameof(ReportRow.PointsEarned) => r => r.PointsEarned,
            nameof(ReportRow.PointsSpent) => r => r.PointsSpent,
            nameof(ReportRow.SellerPromotionPoints) => r => r.SellerPromotionPoints,
            // Rows without ratings come after every rated row when sorting from the best.
            nameof(ReportRow.AverageRating) => r => r.AverageRating ?? 0,
            nameof(ReportRow.Ratings) => r => r.Ratings,
            _ => null,
        };
        var byName = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("ru-RU"), ignoreCase: true);
        if (key is null)
        {
            return descending && column == nameof(ReportRow.Name)
                ? rows.OrderByDescending(r => r.Name, byName).ToList()
                : rows.OrderBy(r => r.Name, byName).ThenBy(r => r.ShopName, byName).ToList();
        }

        return (descending ? rows.OrderByDescending(key) : rows.OrderBy(key)).ThenBy(r => r.Name, byName).ToList();
    }
}

/// <summary>Which partner's figures a member may see; the one place that decides it for page, files and mail.</summary>
public static class ReportScope
{
    /// <summary>
    /// The member's own partner when they belong to one; for brand staff the asked partner (null = all);
    /// otherwise a <see cref="NotFoundException"/>.
    /// </summary>
    public static async Task<int?> PartnerForAsync(IClubDb db, Guid memberId, int? asked, CancellationToken cancellationToken)
    {
        if (await OwnPartnerAsync(db, memberId, cancellationToken) is { } partner)
        {
            return partner;
        }

        if ((await HasRoleAsync(db, memberId, Roles.ProgramManager, cancellationToken) || await HasRoleAsync(db, memberId, Roles.Admin, cancellationToken)))
        {
            return asked is { } id && await db.Partners.AnyAsync(p => p.Id == id, cancellationToken) ? id : null;
        }

        throw new NotFoundException("Reports are for partner managers and program managers.");
    }

    /// <summary>The partner of a partner manager, or null for anyone else.</summary>
    public static async Task<int?> OwnPartnerAsync(IClubDb db, Guid memberId, CancellationToken cancellationToken)
    {
        var partner = await db.Members.Where(m => m.Id == memberId && m.SellerStatus == null).Select(m => m.PartnerId).SingleOrDefaultAsync(cancellationToken);
        return partner is not null && await HasRoleAsync(db, memberId, Roles.PartnerManager, cancellationToken) ? partner : null;
    }

    private static async Task<bool> HasRoleAsync(IClubDb db, Guid memberId, string role, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = {memberId} AND r.name = {role}
            """).SingleAsync(cancellationToken) > 0;
}
