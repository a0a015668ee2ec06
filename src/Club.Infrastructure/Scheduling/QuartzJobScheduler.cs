using Club.Application.Abstractions;
using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;
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

    public async Task<IReadOnlyList<string>> LiveNodesAsync(CancellationToken cancellationToken = default)
    {
        // Quartz has no API for the cluster's members; its check-in table is the list it works from.
        await database.StartAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = $1", connection);
        command.Parameters.AddWithValue(ClubJobs.SchedulerName);
        var nodes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(reader.GetString(0));
        }

        return nodes;
    }

    /// <summary>The store's data source needs the database's address, so the (embedded) server must be up first.</summary>
    private async Task<IScheduler> SchedulerAsync(CancellationToken cancellationToken)
    {
        await database.StartAsync(cancellationToken);
        return await factory.GetScheduler(cancellationToken);
    }
}
