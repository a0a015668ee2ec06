using System.Globalization;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Club.Domain.Members;
using Club.Domain.PartnerApi;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// The webhook job: sends due deliveries, retries failures with exponential backoff (30 s doubling, at
/// most 6 h, 12 attempts: about 20 hours), and pauses a URL that has failed for a day, mailing the
/// partner's managers. Returns how many deliveries it attempted.
/// </summary>
public sealed record DeliverWebhooksCommand : ICommand<int>;

public sealed class DeliverWebhooksHandler(IClubDbFactory dbFactory, IWebhookSender sender, TimeProvider clock) : ICommandHandler<DeliverWebhooksCommand, int>
{
    private const int BatchSize = 50;

    /// <summary>How long a claimed delivery is held by the node sending it, so another node does not send it too.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), TimeSpan.FromHours(6).TotalSeconds));

    public async ValueTask<int> Handle(DeliverWebhooksCommand command, CancellationToken cancellationToken)
    {
        var attempted = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = await ClaimAsync(cancellationToken);
            foreach (var delivery in due)
            {
                await DeliverAsync(delivery, cancellationToken);
            }

            attempted += due.Count;
            if (due.Count < BatchSize)
            {
                break;
            }
        }

        return attempted;
    }

    private async Task<List<DueDelivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseEnd = now + Lease;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // SKIP LOCKED and the lease: two nodes running the job at once take different rows.
        return await db.Database.SqlQuery<DueDelivery>($"""
            UPDATE webhook_deliveries d SET next_attempt_at = {leaseEnd}
            FROM webhook_endpoints e
            WHERE e.id = d.endpoint_id AND d.id IN (
                SELECT q.id FROM webhook_deliveries q JOIN webhook_endpoints qe ON qe.id = q.endpoint_id
                WHERE q.state = 0 AND q.next_attempt_at <= {now} AND qe.paused_at IS NULL AND qe.removed_at IS NULL
                ORDER BY q.next_attempt_at, q.id
                LIMIT {BatchSize}
                FOR UPDATE OF q SKIP LOCKED)
            RETURNING d.id, d.endpoint_id, d.event, d.payload::text AS payload, d.attempts, e.url, e.secret, e.partner_id
            """).ToListAsync(cancellationToken);
    }

    private async Task DeliverAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>
        {
            [WebhookSignature.IdHeader] = WebhookOutbox.Id(delivery.Id),
            [WebhookSignature.EventHeader] = delivery.Event,
            [WebhookSignature.TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
            [WebhookSignature.SignatureHeader] = WebhookSignature.Sign(delivery.Secret, timestamp, delivery.Payload),
        };
        var result = await sender.SendAsync(delivery.Url, headers, delivery.Payload, cancellationToken);
        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var error = result.Error is { } e ? e[..Math.Min(e.Length, WebhookDelivery.MaxErrorLength)] : result.Succeeded ? null : $"HTTP {result.Status}";

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (result.Succeeded)
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE webhook_deliveries SET state = 1, attempts = {attempts}, last_attempt_at = {now}, last_status = {result.Status},
                    last_error = NULL, delivered_at = {now}
                WHERE id = {delivery.Id}
                """, cancellationToken);
            await db.Database.ExecuteSqlAsync($"UPDATE webhook_endpoints SET failing_since = NULL WHERE id = {delivery.EndpointId}", cancellationToken);
        }
        else
        {
            var state = attempts >= WebhookDelivery.MaxAttempts ? (int)WebhookDeliveryState.Failed : (int)WebhookDeliveryState.Pending;
            var next = now + Backoff(attempts);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE webhook_deliveries SET state = {state}, attempts = {attempts}, last_attempt_at = {now}, last_status = {result.Status},
                    last_error = {error}, next_attempt_at = {next}
                WHERE id = {delivery.Id}
                """, cancellationToken);
            await FailingAsync(db, delivery, error ?? "", now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Notes when the URL started failing; a day later it is paused and the partner's managers are mailed, once per pause.</summary>
    private static async Task FailingAsync(IClubDb db, DueDelivery delivery, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dayAgo = now - WebhookEndpoint.PauseAfter;
        var paused = await db.Database.SqlQuery<DateTimeOffset?>($"""
            UPDATE webhook_endpoints SET
                failing_since = coalesce(failing_since, {now}),
                paused_at = CASE WHEN failing_since <= {dayAgo} THEN {now} ELSE paused_at END
            WHERE id = {delivery.EndpointId} AND paused_at IS NULL
            RETURNING paused_at AS "Value"
            """).ToListAsync(cancellationToken);
        if (paused is not [{ } pausedAt])
        {
            return;
        }

        var managerRole = Roles.PartnerManager;
        var managers = await db.Database.SqlQuery<Guid>($"""
            SELECT m.id AS "Value" FROM members m
            JOIN user_roles ur ON ur.user_id = m.id JOIN roles r ON r.id = ur.role_id
            WHERE m.partner_id = {delivery.PartnerId} AND r.name = {managerRole}
            """).ToListAsync(cancellationToken);
        var values = JsonSerializer.Serialize(new Dictionary<string, string> { ["Url"] = delivery.Url, ["Error"] = error });
        foreach (var manager in managers)
        {
            await MailOutboxWriter.InsertAsync(db.Database, $"webhook-paused:{delivery.EndpointId}:{pausedAt.UtcTicks}:{manager}", manager,
                "WebhookPaused", values, [], now, cancellationToken);
        }
    }

    private sealed record DueDelivery(long Id, int EndpointId, string Event, string Payload, int Attempts, string Url, string Secret, int PartnerId);
}
