using Club.Application.Abstractions;
using Club.Application.Features.Sales;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>
/// The scan anomaly rules over the last complete window (<see cref="ScanAlertSettings.Window"/>), as one
/// set-based statement over that window's scans only (tag_scans is partitioned by month and indexed by
/// time: the window's bounds prune it to one partition, read by its time index). Each rule that fires
/// for a subject adds one alert; alerts are unique per rule, subject and window, so a re-run, or a run on
/// a second node, adds nothing. Then looks for collusion on the sales confirmed in the window
/// (<see cref="SaleSuspicions"/>). Returns how many alerts were new. <see cref="At"/>: the time the run
/// stands for (tests; the job leaves it null for now).
/// </summary>
public sealed record EvaluateScanAlertsCommand : ICommand<int>
{
    public DateTimeOffset? At { get; init; }
}

public sealed class EvaluateScanAlertsHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<EvaluateScanAlertsCommand, int>
{
    public async ValueTask<int> Handle(EvaluateScanAlertsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var end = WindowEnd(command.At ?? now);
        var start = end - ScanAlertSettings.Window;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await db.ScanAlertSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ScanAlertSettings();
        // Verdicts are stored by name (tag_scans.verdict); a registered tag is seen as Yours by its owner and
        // SomeoneElses by anyone else. Distinct visitors are distinct daily visitor hashes.
        // Wrong codes are counted per tag and window as they are entered (tag_wrong_code_windows), so a tag
        // under attack shows the window's wrong codes, not its running total.
        var alerts = await db.Database.ExecuteSqlAsync($"""
            WITH w AS (
                SELECT tag_id, client_hash, verdict, unknown_serial, scanned_at FROM tag_scans
                WHERE scanned_at >= {start} AND scanned_at < {end}),
            found AS (
                SELECT 'ClonedLabel' AS rule, tag_id AS subject, count(DISTINCT client_hash) AS n FROM w
                WHERE tag_id IS NOT NULL AND verdict IN ('Yours', 'SomeoneElses')
                GROUP BY tag_id HAVING count(DISTINCT client_hash) >= {settings.ClonedLabelVisitors}
                UNION ALL
                SELECT 'WithdrawnTagScanned', tag_id, count(*) FROM w WHERE tag_id IS NOT NULL AND verdict = 'Voided' GROUP BY tag_id
                UNION ALL
                SELECT 'UnreleasedTagScanned', tag_id, count(*) FROM w WHERE tag_id IS NOT NULL AND verdict = 'NotReleased' GROUP BY tag_id
                UNION ALL
                SELECT 'UnknownSerialBurst', {ScanAlert.SiteSubject}::bigint, count(*) FROM w
                JOIN unknown_serials u ON u.serial = w.unknown_serial AND u.well_formed
                HAVING count(*) >= {settings.UnknownSerialScans}
                UNION ALL
                SELECT 'StolenItemScanned', w.tag_id, count(*) FROM w
                JOIN item_losses l ON l.tag_id = w.tag_id AND l.cleared_at IS NULL AND w.scanned_at >= l.reported_at
                GROUP BY w.tag_id
                UNION ALL
                SELECT 'TagUnderAttack', c.tag_id, c.wrong::bigint FROM tag_wrong_code_windows c
                WHERE c.window_start = {start} AND c.wrong >= {settings.WrongCodesPerTag})
            INSERT INTO scan_alerts (rule, subject, partner_id, window_start, count, created_at)
            SELECT f.rule, f.subject, b.partner_id, {start}, f.n, {now}
            FROM found f
            LEFT JOIN tags t ON t.id = f.subject
            LEFT JOIN tag_batches b ON b.id = t.batch_id
            ORDER BY f.rule, f.subject
            ON CONFLICT (rule, subject, window_start) DO NOTHING
            """, cancellationToken);

        // Collusion between sellers and buyers of the sales confirmed in the window: found again now that
        // the scan log has caught up with their visitors (recorded once; the sales stay paid).
        await SaleSuspicions.FindConfirmedBetweenAsync(db, start, end, now, cancellationToken);
        return alerts;
    }

    /// <summary>The end of the last complete window at <paramref name="at"/>: windows are aligned to the hour (:00, :15, :30, :45 UTC).</summary>
    public static DateTimeOffset WindowEnd(DateTimeOffset at) => ScanAlertSettings.WindowStartOf(at);
}
