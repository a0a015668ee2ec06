using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

public enum WebhookEndpointChange
{
    /// <summary>Sending starts again (after a pause for failures): waiting deliveries go out on the next run.</summary>
    Resume,

    /// <summary>Nothing more is sent; the log stays, waiting deliveries are marked failed.</summary>
    Remove,
}

/// <summary>A program manager resumes a paused URL or removes one.</summary>
public sealed record ChangeWebhookEndpointCommand(int EndpointId, WebhookEndpointChange Change) : ICommand<Result>;

public sealed class ChangeWebhookEndpointHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock) : ICommandHandler<ChangeWebhookEndpointCommand, Result>
{
    public async ValueTask<Result> Handle(ChangeWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so the log's "before" is the state this change replaces.
        var before = await db.WebhookEndpoints.FromSql($"SELECT * FROM webhook_endpoints WHERE id = {command.EndpointId} AND removed_at IS NULL FOR UPDATE")
            .Select(e => new { e.PausedAt, e.FailingSince, e.RemovedAt }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such webhook.");
        _ = command.Change == WebhookEndpointChange.Resume
            ? await db.Database.ExecuteSqlAsync($"""
                UPDATE webhook_endpoints SET paused_at = NULL, failing_since = NULL WHERE id = {command.EndpointId} AND removed_at IS NULL;
                UPDATE webhook_deliveries SET next_attempt_at = {now} WHERE endpoint_id = {command.EndpointId} AND state = 0;
                """, cancellationToken)
            : await db.Database.ExecuteSqlAsync($"""
                UPDATE webhook_endpoints SET removed_at = {now} WHERE id = {command.EndpointId} AND removed_at IS NULL;
                UPDATE webhook_deliveries SET state = 2, last_error = 'The address was removed.' WHERE endpoint_id = {command.EndpointId} AND state = 0;
                """, cancellationToken);
        var after = command.Change == WebhookEndpointChange.Resume
            ? new { PausedAt = (DateTimeOffset?)null, FailingSince = (DateTimeOffset?)null, before.RemovedAt }
            : before with { RemovedAt = now };
        await audit.RecordAsync(new AuditChange(command.Change == WebhookEndpointChange.Resume ? "webhook.resume" : "webhook.remove", "webhook",
            command.EndpointId.ToString(CultureInfo.InvariantCulture), before, after), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
