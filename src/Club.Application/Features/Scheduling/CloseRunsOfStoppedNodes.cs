using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Scheduling;

/// <summary>
/// Runs left open by a node that died mid-run (killed, power lost) would show as "running" forever:
/// once the cluster has dropped that node, they are closed as failed. The work itself is not lost: the
/// scheduler fires it again on a live node (job recovery), which records a run of its own.
/// </summary>
public sealed record CloseRunsOfStoppedNodesCommand : ICommand<int>;

public sealed class CloseRunsOfStoppedNodesHandler(IClubDbFactory dbFactory, IJobScheduler scheduler, TimeProvider clock)
    : ICommandHandler<CloseRunsOfStoppedNodesCommand, int>
{
    public const string StoppedNodeError = "The node running this job stopped before it finished; another node runs it again.";

    public async ValueTask<int> Handle(CloseRunsOfStoppedNodesCommand command, CancellationToken cancellationToken)
    {
        var live = (await scheduler.LiveNodesAsync(cancellationToken)).ToArray();
        if (live.Length == 0)
        {
            // Asked from outside a running cluster: no way to tell the dead from the living.
            return 0;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE job_runs SET finished_at = {now}, error = {StoppedNodeError},
                duration_ms = LEAST(2147483647, (EXTRACT(EPOCH FROM ({now} - started_at)) * 1000)::bigint)::int
            WHERE finished_at IS NULL AND node <> ALL({live})
            """, cancellationToken);
    }
}
