using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Verification;

/// <summary>
/// Creates the scan log's partitions for this month and <see cref="ScanLogRules.MonthsAhead"/> months
/// after it, so scans land in their month's partition rather than the default one. Daily; a month that
/// exists is left alone. Returns how many partitions were new. <see cref="At"/>: the time the run stands for (tests).
/// </summary>
public sealed record CreateScanLogPartitionsCommand : ICommand<int>
{
    public DateTimeOffset? At { get; init; }
}

public sealed class CreateScanLogPartitionsHandler(IClubDbFactory dbFactory, ScanLogRules rules, TimeProvider clock)
    : ICommandHandler<CreateScanLogPartitionsCommand, int>
{
    public async ValueTask<int> Handle(CreateScanLogPartitionsCommand command, CancellationToken cancellationToken)
    {
        var month = ScanLogPartitions.MonthOf(command.At ?? clock.GetUtcNow());
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var created = 0;
        for (var i = 0; i <= Math.Max(0, rules.MonthsAhead); i++)
        {
            created += await ScanLogPartitions.CreateAsync(db, month.AddMonths(i), cancellationToken) ? 1 : 0;
        }

        return created;
    }
}
