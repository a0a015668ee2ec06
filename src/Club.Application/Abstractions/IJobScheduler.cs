namespace Club.Application.Abstractions;

/// <summary>A scheduled job as the scheduler sees it: its schedule and the next firing.</summary>
public sealed record ScheduledJob(string Name, string? Cron, string TimeZone, DateTimeOffset? NextRunAt);

/// <summary>
/// The scheduler (Quartz in Infrastructure) as the application sees it: what is scheduled, and "run
/// now", which asks the shared schedule to fire the job, so in a cluster it still runs on one node only.
/// </summary>
public interface IJobScheduler
{
    Task<IReadOnlyList<ScheduledJob>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>False when no job has that name.</summary>
    Task<bool> RunNowAsync(string jobName, CancellationToken cancellationToken = default);

    /// <summary>The nodes the cluster still counts as alive (a node that stopped checking in is dropped by the others).</summary>
    Task<IReadOnlyList<string>> LiveNodesAsync(CancellationToken cancellationToken = default);
}
