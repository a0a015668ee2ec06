using System.Diagnostics;
using Club.Application.Features.Scheduling;
using Club.Application.Observability;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Club.Infrastructure.Scheduling;

/// <summary>
/// The one Quartz job class: sends its command through the mediator in a scope of its own and records
/// the run (node, times, members affected, error) in job_runs. Never two at once for one job, across
/// the cluster too. The work and its exactly-once guarantee live in the command, not here. The job asks
/// for recovery (<see cref="ClubJobs"/>): a run killed with its node is fired again on a live node.
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
        await CloseRunsOfStoppedNodesAsync(mediator, cancellationToken);
        // A recovered firing (its node died mid-run) comes under a trigger of Quartz's own: manual or not
        // is the original trigger's.
        var trigger = context.Recovering ? context.RecoveringTriggerKey! : context.Trigger.Key;
        var runId = await mediator.Send(new StartJobRunCommand(
            name, context.FireInstanceId, context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc,
            Manual: trigger.Group != ClubJobs.Group), cancellationToken);
        if (context.Recovering)
        {
            logger.LogWarning("Job {Job}: its run on a node that stopped is run again here", name);
        }

        if (runId is null)
        {
            // The same firing reported twice: the run row exists, and the command is idempotent, so
            // running it again is safe but not needed to record.
            logger.LogInformation("Job {Job} firing {Fire} was recorded before", name, context.FireInstanceId);
        }

        // A span for the run, so the use cases and statements it sends are traced under the job's name.
        using var activity = ClubMetrics.Activities.StartActivity("job " + name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var affected = await mediator.Send(new TCommand(), cancellationToken);
            ClubMetrics.Job(name, "ok", Stopwatch.GetElapsedTime(started), affected);
            logger.LogInformation("Job {Job} done: {Affected} affected", name, affected);
            if (runId is { } id)
            {
                await mediator.Send(new FinishJobRunCommand(id, affected, null), CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            ClubMetrics.Job(name, "error", Stopwatch.GetElapsedTime(started), null);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            logger.LogError(ex, "Job {Job} failed", name);
            if (runId is { } id)
            {
                await mediator.Send(new FinishJobRunCommand(id, null, ex.GetType().Name + ": " + ex.Message), CancellationToken.None);
            }

            throw new JobExecutionException(ex);
        }
    }

    /// <summary>Every run (the mail job's every minute) tidies the page: a failure here must not stop the job.</summary>
    private async Task CloseRunsOfStoppedNodesAsync(IMediator mediator, CancellationToken cancellationToken)
    {
        try
        {
            var closed = await mediator.Send(new CloseRunsOfStoppedNodesCommand(), cancellationToken);
            if (closed > 0)
            {
                logger.LogWarning("{Count} job runs of nodes that stopped mid-run were closed as failed", closed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not close the runs of stopped nodes");
        }
    }
}
