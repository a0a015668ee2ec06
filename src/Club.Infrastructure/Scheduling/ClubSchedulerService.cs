using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Club.Infrastructure.Scheduling;

/// <summary>
/// Starts this node's scheduler once the database is there (the embedded server starts with the app)
/// and stops it with the app, letting a running job finish its command within the host's shutdown timeout.
/// </summary>
internal sealed class ClubSchedulerService(ClubDatabase database, ISchedulerFactory factory) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.StartAsync(cancellationToken);
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.Start(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        try
        {
            // Quartz keeps retrying a database that is gone; the host's shutdown timeout ends the wait.
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).AsTask().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The running job's command is idempotent, and its run is recovered on another node.
        }
    }
}
