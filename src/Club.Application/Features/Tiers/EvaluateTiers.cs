using System.Globalization;
using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Club.Application.Features.Points;
using Club.Domain.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tiers;

/// <summary>
/// The TierEvaluation job: sets every member's tier from their figure over the rolling 12 months, set-based
/// in four statements (the figures into a temporary table, the changes into the history, the tiers, the
/// downgrade mails), never a loop per member. For each member holding a tier it also computes the club day
/// on which the figure falls below the tier's threshold if nothing new is earned, and mails them once per
/// such day when it is 30 days away or less. A re-run changes nothing; a second node's run waits for the
/// first's lock and then finds nothing to do. Returns the members whose tier changed.
/// </summary>
public sealed record EvaluateTiersCommand : ICommand<int>;

public sealed class EvaluateTiersHandler(IClubDbFactory dbFactory, IPublicAddress address, PointsSettings settings, TimeProvider clock)
    : ICommandHandler<EvaluateTiersCommand, int>
{
    public const string MailTemplate = "TierDowngrade";

    /// <summary>How long before the day a tier would be lost its holder is told.</summary>
    public const int WarningDays = 30;

    public async ValueTask<int> Handle(EvaluateTiersCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var zone = settings.Zone;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // A million members' figures in one pass: longer than the 30 s a page query gets.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One run at a time (a second node, "run now" beside the schedule): the later one then sees the first's result.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('tier evaluation'))", cancellationToken);

        var ladder = await TierRules.LadderAsync(db, cancellationToken);
        var measure = await TierRules.MeasureAsync(db, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            FormattableStringFactory.Create(TargetsSql(measure, ladder), now, TierRules.WindowStart(now, zone), settings.TimeZone, null),
            cancellationToken);

        // The history first: it compares with the tiers as they were before this run.
        var changed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO member_tier_changes (member_id, from_level, to_level, figure, changed_at)
            SELECT t.member_id, coalesce(m.level, 0), t.level, least(t.figure, 2147483647)::int, {now}
            FROM tier_targets t LEFT JOIN member_tiers m ON m.member_id = t.member_id
            WHERE t.level <> coalesce(m.level, 0)
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO member_tiers (member_id, level, since, downgrade_on)
            SELECT t.member_id, t.level, {now}, t.downgrade_on
            FROM tier_targets t LEFT JOIN member_tiers m ON m.member_id = t.member_id
            WHERE m.member_id IS NULL OR m.level <> t.level OR m.downgrade_on IS DISTINCT FROM t.downgrade_on
            ON CONFLICT (member_id) DO UPDATE SET
                since = CASE WHEN member_tiers.level <> excluded.level THEN excluded.since ELSE member_tiers.since END,
                level = excluded.level, downgrade_on = excluded.downgrade_on
            """, cancellationToken);

        await WarnAsync(db, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Fills tier_targets (member_id, figure, level, downgrade_on) for every member with a figure in the
    /// window and every member who has a tier row. The ladder's thresholds are whole numbers read just
    /// before, written into the text as CASE branches, so each member's level costs no lookup. Downgrade
    /// day: the days' running sum oldest first; the figure falls below the tier's threshold once the first
    /// day whose running sum leaves less than the threshold has left the window, a year and a day later.
    /// </summary>
    public static string TargetsSql(TierMeasure measure, IReadOnlyList<Tier> ladder)
    {
        var descending = ladder.OrderByDescending(t => t.Level).ToList();
        string Case(Func<Tier, int> value, string otherwise) => descending.Count == 0 ? otherwise
            : $"CASE {string.Concat(descending.Select(t => $"WHEN r.figure >= {t.Threshold.ToString(CultureInfo.InvariantCulture)} THEN {value(t).ToString(CultureInfo.InvariantCulture)} "))}ELSE {otherwise} END";

        return $"""
            CREATE TEMP TABLE tier_targets ON COMMIT DROP AS
            SELECT coalesce(f.member_id, m.member_id) AS member_id, coalesce(f.figure, 0) AS figure,
                   coalesce(f.level, 0) AS level, f.downgrade_on
            FROM (
                SELECT r.member_id, r.figure, l.level,
                       (min(r.day) FILTER (WHERE r.figure - r.upto < l.kept) + interval '1 year')::date + 1 AS downgrade_on
                FROM (
                    SELECT d.member_id, d.day,
                           sum(d.amount) OVER (PARTITION BY d.member_id ORDER BY d.day) AS upto,
                           sum(d.amount) OVER (PARTITION BY d.member_id) AS figure
                    FROM ({TierRules.DaysSql(measure)}) d) r
                CROSS JOIN LATERAL (SELECT {Case(t => t.Level, "0")} AS level, {Case(t => t.Threshold, "NULL::bigint")} AS kept) l
                GROUP BY r.member_id, r.figure, l.level) f
            FULL JOIN member_tiers m ON m.member_id = f.member_id
            WHERE f.level > 0 OR m.member_id IS NOT NULL
            """;
    }

    /// <summary>
    /// Mails each holder whose downgrade day is <see cref="WarningDays"/> days away or less, once per
    /// downgrade day: the row remembers the day it warned about, and the mail's key holds it too.
    /// </summary>
    private async Task WarnAsync(IClubDb db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var horizon = settings.Today(now).AddDays(WarningDays);
        var due = """
            UPDATE member_tiers m SET warned_for = m.downgrade_on
            WHERE m.level > 0 AND m.downgrade_on <= {1} AND m.warned_for IS DISTINCT FROM m.downgrade_on
            RETURNING m.member_id, m.level, m.downgrade_on
            """;
        var mails = """
            SELECT 'tier-downgrade:' || d.member_id || ':' || d.downgrade_on, d.member_id, {2}::text,
                   jsonb_build_object('TierRu', t.name, 'TierEn', t.name_en, 'Date', to_char(d.downgrade_on, 'DD.MM.YYYY'), 'Link', {3}::text)
            FROM due d JOIN tiers t ON t.level = d.level
            """;
        await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(
            $"WITH due AS ({due}) {MailOutboxWriter.InsertFromSql(mails, "{0}")} ON CONFLICT (idempotency_key) DO NOTHING",
            now, horizon, MailTemplate, address.Link("/cabinet#tier")), cancellationToken);
    }
}
