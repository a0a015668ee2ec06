using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Privacy;

/// <summary>
/// The scan log's retention (daily job ScanVisitorRetention): visitor fingerprints of scans older than
/// <see cref="PrivacySettings.ScanVisitorRetentionDays"/> are dropped (set to empty), keeping when, which
/// tag and the verdict for the statistics. Returns how many scans were forgotten.
/// </summary>
public sealed record ForgetOldScanVisitorsCommand : ICommand<int>;

public sealed class ForgetOldScanVisitorsHandler(IClubDbFactory dbFactory, PrivacySettings settings, TimeProvider clock)
    : ICommandHandler<ForgetOldScanVisitorsCommand, int>
{
    /// <summary>Rows per statement (see <see cref="BatchedRetention"/>).</summary>
    private const int BatchSize = 50_000;

    public async ValueTask<int> Handle(ForgetOldScanVisitorsCommand command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-Math.Max(1, settings.ScanVisitorRetentionDays));
        // Set-based, one batch per statement; the time condition is repeated on the outer table so a
        // month-partitioned tag_scans touches only the partitions before the cutoff.
        return await BatchedRetention.RunAsync(dbFactory, BatchSize, $"""
            UPDATE tag_scans AS s SET client_hash = ''::bytea
            FROM (SELECT id, scanned_at FROM tag_scans
                  WHERE scanned_at < {cutoff} AND octet_length(client_hash) > 0
                  LIMIT {BatchSize}) AS old
            WHERE s.id = old.id AND s.scanned_at = old.scanned_at AND s.scanned_at < {cutoff}
            """, cancellationToken);
    }
}
