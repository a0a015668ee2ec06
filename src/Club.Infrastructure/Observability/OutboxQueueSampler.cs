using Club.Application.Abstractions;
using Club.Application.Observability;
using Club.Domain.PartnerApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Observability;

/// <summary>
/// Counts the two outboxes every <see cref="Interval"/>, unsent member mail for the club.mail.queue
/// gauge and pending webhook deliveries for club.webhook.queue, so a scrape reads numbers instead of
/// querying the database. Runs only when metrics are switched on.
/// </summary>
public sealed class OutboxQueueSampler(IClubDbFactory databases, ILogger<OutboxQueueSampler> logger) : BackgroundService
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

    /// <summary>One sample of both queues (the loop's body; tests call it to avoid waiting for the timer).</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateAsync(cancellationToken);
        // The delivery jobs' own partial indexes answer both counts. Mail given up (next_attempt_at null)
        // and webhooks given up (Failed) are left out: they wait for a person, not for the job.
        ClubMetrics.MailQueue(await db.MailOutbox.LongCountAsync(m => m.SentAt == null && m.NextAttemptAt != null, cancellationToken));
        ClubMetrics.WebhookQueue(await db.WebhookDeliveries.LongCountAsync(d => d.State == WebhookDeliveryState.Pending, cancellationToken));
    }

    private async Task SampleUntilStoppedAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database away for a moment: the gauges keep their last values, the next round tries again.
                logger.LogDebug(ex, "Could not count the mail and webhook outboxes");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
