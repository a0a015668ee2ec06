using Club.Application.Abstractions;
using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Configuration;
using Quartz;

namespace Club.Infrastructure.Scheduling;

/// <summary>The shared Quartz schedule as the jobs page sees it.</summary>
internal sealed class QuartzJobScheduler(ISchedulerFactory factory, ClubDatabase database, IConfiguration configuration) : IJobScheduler
{
    public async Task<IReadOnlyList<ScheduledJob>> ListAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await SchedulerAsync(cancellationToken);
        var zone = ClubJobs.TimeZoneId(configuration);
        var jobs = new List<ScheduledJob>();
        foreach (var job in ClubJobs.All)
        {
            var trigger = await scheduler.GetTrigger(new TriggerKey(job.Name, ClubJobs.Group), cancellationToken);
            jobs.Add(new ScheduledJob(job.Name, (trigger as ICronTrigger)?.CronExpressionString ?? ClubJobs.CronFor(configuration, job), zone, trigger?.NextFireTimeUtc));
        }

        return jobs;
    }

    public async Task<bool> RunNowAsync(string jobName, CancellationToken cancellationToken = default)
    {
        if (ClubJobs.All.All(j => j.Name != jobName))
        {
            return false;
        }

        // A one-off trigger in the shared store: whichever node acquires it runs the job, once.
        var scheduler = await SchedulerAsync(cancellationToken);
        await scheduler.TriggerJob(new JobKey(jobName, ClubJobs.Group), cancellationToken);
        return true;
    }

    /// <summary>The store's data source needs the database's address, so the (embedded) server must be up first.</summary>
    private async Task<IScheduler> SchedulerAsync(CancellationToken cancellationToken)
    {
        await database.StartAsync(cancellationToken);
        return await factory.GetScheduler(cancellationToken);
    }
}
