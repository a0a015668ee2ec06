using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Domain.Points;
using Club.Domain.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tiers;

/// <summary>
/// The rules of the public tiers in one place: the rolling 12 months in the club's time zone, what counts
/// towards a tier (the SQL the job and the cabinet share); the registration reads the multiplier with its facts.
/// </summary>
public static class TierRules
{
    /// <summary>
    /// The points that count as earned: credits for items, sales, activities and bonuses, and what was taken
    /// back of them (a returned item, a corrected sale). Spending, gifts given back, expiry, points moved
    /// with an item and partners' budgets are not earnings.
    /// </summary>
    public static IReadOnlyList<PointsReason> EarningReasons { get; } =
    [
        PointsReason.ItemRegistered, PointsReason.FirstItemBonus, PointsReason.SaleConfirmed, PointsReason.Correction,
        PointsReason.CourseCompleted, PointsReason.TestPassed, PointsReason.ProfileCompleted, PointsReason.SocialSubscription,
        PointsReason.SurveyCompleted, PointsReason.ContestEntered, PointsReason.ContestWon, PointsReason.PromotionBonus,
        PointsReason.WelcomeBonus, PointsReason.ReferralBonus, PointsReason.SellerPromotionBonus, PointsReason.Birthday,
        PointsReason.Reversed, PointsReason.PartnerBonus,
    ];

    /// <summary>
    /// The first moment of the rolling 12 months at <paramref name="now"/>: midnight, in the club's time zone,
    /// of the same date a year before today (28 February for a 29 February). A day counts from its first
    /// minute there, whatever the UTC date.
    /// </summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, TimeZoneInfo zone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime).AddYears(-1);
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>
    /// SQL of a member's figure per club day in the window, columns (member_id, day, amount): {0} is now,
    /// {1} the window's start, {2} the time zone's name and {3} one member or NULL for everybody. The
    /// cabinet and the job count with this same text, so the progress shown is what the job will see.
    /// </summary>
    public static string DaysSql(TierMeasure measure) => measure == TierMeasure.ItemsRegistered
        ? """
          SELECT t.owner_member_id AS member_id, (t.registered_at AT TIME ZONE {2})::date AS day, count(*)::int AS amount
          FROM tags t
          WHERE t.owner_member_id IS NOT NULL AND t.registered_at >= {1} AND t.registered_at <= {0}
            AND ({3}::uuid IS NULL OR t.owner_member_id = {3})
          GROUP BY 1, 2
          """
        : """
          SELECT e.member_id, (e.created_at AT TIME ZONE {2})::date AS day, sum(e.amount)::int AS amount
          FROM points_entries e
          WHERE e.created_at >= {1} AND e.created_at <= {0}
            AND e.reason IN (/*earning*/)
            AND ({3}::uuid IS NULL OR e.member_id = {3})
          GROUP BY 1, 2
          """.Replace("/*earning*/", EarningReasonsSql, StringComparison.Ordinal);

    private static readonly string EarningReasonsSql = string.Join(", ", EarningReasons.Select(r => $"'{r}'"));

    /// <summary>The member's figure now: points earned or items registered in the rolling 12 months.</summary>
    public static async Task<int> FigureAsync(IClubDb db, TierMeasure measure, Guid member, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var sql = FormattableStringFactory.Create(
            $"SELECT coalesce(sum(d.amount), 0)::int AS \"Value\" FROM ({DaysSql(measure)}) d",
            now, WindowStart(now, zone), zone.Id, member);
        return await db.Database.SqlQuery<int>(sql).SingleAsync(cancellationToken);
    }

    /// <summary>The ladder, lowest tier first.</summary>
    public static async Task<IReadOnlyList<Tier>> LadderAsync(IClubDb db, CancellationToken cancellationToken) =>
        await db.Tiers.AsNoTracking().OrderBy(t => t.Level).ToListAsync(cancellationToken);

    public static async Task<TierMeasure> MeasureAsync(IClubDb db, CancellationToken cancellationToken) =>
        await db.TierSettings.AsNoTracking().Select(s => (TierMeasure?)s.Measure).SingleOrDefaultAsync(cancellationToken) ?? TierMeasure.PointsEarned;
}
