using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>
/// The scan log's retention: drops every monthly partition older than <see cref="ScanLogRules.RetentionMonths"/>
/// whole months before the current one (one DROP TABLE each, no row-by-row delete), and deletes the
/// default partition's scans older than that. The per-tag counts (<c>tags.scan_count</c>) and the
/// unknown serials' totals stay. Daily; RetentionMonths 0 keeps everything. Returns the partitions dropped.
/// </summary>
public sealed record DropOldScanLogPartitionsCommand : ICommand<int>
{
    public DateTimeOffset? At { get; init; }
}

public sealed class DropOldScanLogPartitionsHandler(IClubDbFactory dbFactory, ScanLogRules rules, TimeProvider clock)
    : ICommandHandler<DropOldScanLogPartitionsCommand, int>
{
    public async ValueTask<int> Handle(DropOldScanLogPartitionsCommand command, CancellationToken cancellationToken)
    {
        if (rules.RetentionMonths <= 0)
        {
            return 0;
        }

        var oldestKept = ScanLogPartitions.MonthOf(command.At ?? clock.GetUtcNow()).AddMonths(-rules.RetentionMonths);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var dropped = 0;
        foreach (var month in (await ScanLogPartitions.MonthsAsync(db, cancellationToken)).Where(m => m < oldestKept))
        {
            dropped += await ScanLogPartitions.DropAsync(db, month, cancellationToken) ? 1 : 0;
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM tag_scans_default WHERE scanned_at < {oldestKept}", cancellationToken);
        return dropped;
    }
}
