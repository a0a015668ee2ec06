using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Club.Infrastructure.Scheduling;

/// <summary>
/// Starts this node's scheduler once the database is there (the embedded server starts with the app)
/// and stops it with the app, letting a running job finish its command.
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
        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }
}
