using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// Sends a delivery again (a failed one, or one the partner lost): a new delivery of the same body, with
/// the same event id, queued now. The original stays in the log as it was.
/// </summary>
public sealed record ReplayWebhookDeliveryCommand(long DeliveryId) : ICommand<Result>;

public sealed class ReplayWebhookDeliveryHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock) : ICommandHandler<ReplayWebhookDeliveryCommand, Result>
{
    public async ValueTask<Result> Handle(ReplayWebhookDeliveryCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var copies = await db.Database.SqlQuery<long>($"""
            INSERT INTO webhook_deliveries (endpoint_id, event, payload, created_at, state, attempts, next_attempt_at)
            SELECT d.endpoint_id, d.event, d.payload, {now}, 0, 0, {now}
            FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.id = {command.DeliveryId} AND e.removed_at IS NULL
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        if (copies.Count == 0)
        {
            return await db.WebhookDeliveries.AnyAsync(d => d.Id == command.DeliveryId, cancellationToken)
                ? Result.Fail("This address was removed; its deliveries cannot be sent again.")
                : throw new NotFoundException("No such delivery.");
        }

        await audit.RecordAsync(new AuditChange("webhook.replay", "webhook-delivery", command.DeliveryId.ToString(CultureInfo.InvariantCulture), null,
            new { Replay = copies[0] }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
