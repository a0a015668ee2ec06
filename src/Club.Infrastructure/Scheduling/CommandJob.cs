using Club.Application.Features.Scheduling;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Club.Infrastructure.Scheduling;

/// <summary>
/// The one Quartz job class: sends its command through the mediator in a scope of its own and records
/// the run (node, times, members affected, error) in job_runs. Never two at once for one job, across
/// the cluster too. The work and its exactly-once guarantee live in the command, not here.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CommandJob<TCommand>(IServiceScopeFactory scopes, ILogger<CommandJob<TCommand>> logger) : IJob
    where TCommand : ICommand<int>, new()
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.JobDetail.Key.Name;
        await using var scope = scopes.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var runId = await mediator.Send(new StartJobRunCommand(
            name, context.FireInstanceId, context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc,
            Manual: context.Trigger.Key.Group != ClubJobs.Group), cancellationToken);
        if (runId is null)
        {
            // The store handed this firing out again (recovery after a node died mid-run): the run row
            // exists, and the command is idempotent, so running it again is safe but not needed to record.
            logger.LogInformation("Job {Job} firing {Fire} was recorded before", name, context.FireInstanceId);
        }

        try
        {
            var affected = await mediator.Send(new TCommand(), cancellationToken);
            logger.LogInformation("Job {Job} done: {Affected} affected", name, affected);
            if (runId is { } id)
            {
                await mediator.Send(new FinishJobRunCommand(id, affected, null), CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed", name);
            if (runId is { } id)
            {
                await mediator.Send(new FinishJobRunCommand(id, null, ex.GetType().Name + ": " + ex.Message), CancellationToken.None);
            }

            throw new JobExecutionException(ex);
        }
    }
}
