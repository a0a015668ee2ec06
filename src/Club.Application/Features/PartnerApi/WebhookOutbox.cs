using System.Globalization;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Domain.PartnerApi;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// Queues an event for every URL the partner subscribed to it, in the caller's transaction: the event
/// and its deliveries commit together or not at all. The delivery job sends them (<see cref="DeliverWebhooksHandler"/>).
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The event's name on the wire (header Club-Webhook-Event and the body's "event").</summary>
    public static string NameOf(WebhookEvents e) => e switch
    {
        WebhookEvents.SaleConfirmed => "sale.confirmed",
        WebhookEvents.ItemRegistered => "item.registered",
        WebhookEvents.GiftOrderReady => "gift-order.ready",
        WebhookEvents.SellerActivated => "seller.activated",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "One event at a time."),
    };

    /// <summary>Queues the event for <paramref name="partnerId"/>'s URLs; returns how many deliveries were queued.</summary>
    public static Task<int> EnqueueAsync(IClubDb db, int? partnerId, WebhookEvents e, object data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (partnerId is null)
        {
            return Task.FromResult(0);
        }

        var name = NameOf(e);
        // One id per event, the same in every URL's body and in a replay: receivers drop duplicates by it.
        var payload = JsonSerializer.Serialize(new { id = Guid.NewGuid(), @event = name, occurredAt = now, data }, Json);
        var flag = (int)e;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO webhook_deliveries (endpoint_id, event, payload, created_at, state, attempts, next_attempt_at)
            SELECT e.id, {name}, {payload}::jsonb, {now}, 0, 0, {now}
            FROM webhook_endpoints e
            WHERE e.partner_id = {partnerId.Value} AND e.events & {flag} <> 0 AND e.removed_at IS NULL
            """, cancellationToken);
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
