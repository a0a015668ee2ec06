using Club.Application.Abstractions;
using Club.Application.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Observability;

/// <summary>
/// Counts the outbox's unsent mail every <see cref="Interval"/> for the club.mail.queue gauge, so a
/// scrape reads a number instead of querying the database. Runs only when metrics are switched on.
/// </summary>
public sealed class MailQueueSampler(IClubDbFactory databases, ILogger<MailQueueSampler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            await SampleUntilStoppedAsync(timer, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (or a host that failed to start being disposed): not a failure of this service.
        }
    }

    private async Task SampleUntilStoppedAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await using var db = await databases.CreateAsync(stoppingToken);
                // The delivery job's own partial index answers this; mail given up (next_attempt_at null) is
                // left out, since counting it would read the whole outbox, sent mail included.
                ClubMetrics.MailQueue(await db.MailOutbox.LongCountAsync(m => m.SentAt == null && m.NextAttemptAt != null, stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database away for a moment: the gauge keeps its last value, the next round tries again.
                logger.LogDebug(ex, "Could not count the mail outbox");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
