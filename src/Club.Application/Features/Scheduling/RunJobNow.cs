using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;

namespace Club.Application.Features.Scheduling;

/// <summary>
/// "Run now" on the jobs page: the scheduler fires the job once, on whichever node picks it up. The job's
/// command is idempotent, so running it early or twice pays nobody twice. Logged as <c>job.run-now</c>.
/// </summary>
public sealed record RunJobNowCommand(string JobName) : ICommand<Result>;

public sealed class RunJobNowHandler(IJobScheduler scheduler, IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<RunJobNowCommand, Result>
{
    public async ValueTask<Result> Handle(RunJobNowCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The row is written first and committed only once the scheduler took the request, so an unknown
        // job or a failed request leaves no row; the scheduler keeps its own tables, out of this transaction.
        await audit.RecordAsync(new AuditChange("job.run-now", "job", command.JobName, null, new { Job = command.JobName }), cancellationToken);
        if (!await scheduler.RunNowAsync(command.JobName, cancellationToken))
        {
            return Result.Fail("There is no such job.");
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
