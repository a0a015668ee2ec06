using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Scheduling;

/// <summary>
/// "Run now" on the jobs page: the scheduler fires the job once, on whichever node picks it up. The job's
/// command is idempotent, so running it early or twice pays nobody twice.
/// </summary>
public sealed record RunJobNowCommand(string JobName) : ICommand<Result>;

public sealed class RunJobNowHandler(IJobScheduler scheduler) : ICommandHandler<RunJobNowCommand, Result>
{
    public async ValueTask<Result> Handle(RunJobNowCommand command, CancellationToken cancellationToken) =>
        await scheduler.RunNowAsync(command.JobName, cancellationToken) ? Result.Ok : Result.Fail("There is no such job.");
}
