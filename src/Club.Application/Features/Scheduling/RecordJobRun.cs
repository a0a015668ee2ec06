using Club.Application.Abstractions;
using Club.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Scheduling;

/// <summary>
/// The job runner reports a firing before running its command. Returns the run's id, or null when the
/// firing was reported before (its fire instance id is unique), so a firing is one row.
/// </summary>
public sealed record StartJobRunCommand(
    string JobName, string FireInstanceId, string Node, DateTimeOffset? ScheduledAt, bool Manual) : ICommand<long?>;

/// <summary>The job runner reports how the run ended: what the command returned, or the error.</summary>
public sealed record FinishJobRunCommand(long RunId, int? Affected, string? Error) : ICommand;

public sealed class StartJobRunHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<StartJobRunCommand, long?>
{
    public async ValueTask<long?> Handle(StartJobRunCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var node = command.Node.Length <= JobRun.MaxNodeLength ? command.Node : command.Node[..JobRun.MaxNodeLength];
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO job_runs (job_name, fire_instance_id, node, scheduled_at, manual, started_at)
            VALUES ({command.JobName}, {command.FireInstanceId}, {node}, {command.ScheduledAt}, {command.Manual}, {clock.GetUtcNow()})
            ON CONFLICT (fire_instance_id) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }
}

public sealed class FinishJobRunHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<FinishJobRunCommand>
{
    private const int MaxErrorLength = 4000;

    public async ValueTask<Unit> Handle(FinishJobRunCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var error = command.Error is { Length: > MaxErrorLength } text ? text[..MaxErrorLength] : command.Error;
        var run = await db.JobRuns.SingleAsync(r => r.Id == command.RunId, cancellationToken);
        run.FinishedAt = now;
        run.DurationMs = (int)Math.Min(int.MaxValue, (now - run.StartedAt).TotalMilliseconds);
        run.Affected = command.Affected;
        run.Error = error;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
