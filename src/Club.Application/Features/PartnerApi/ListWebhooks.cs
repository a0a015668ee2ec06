using Club.Application.Abstractions;
using Club.Domain.PartnerApi;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>Every partner's webhook URLs with their latest deliveries (the delivery log), for the back office.</summary>
public sealed record ListWebhooksQuery(int DeliveriesPerEndpoint = 20) : IQuery<IReadOnlyList<WebhookEndpointRow>>;

public sealed record WebhookEndpointRow(
    int Id, string PartnerName, string Url, WebhookEvents Events, DateTimeOffset CreatedAt, DateTimeOffset? FailingSince,
    DateTimeOffset? PausedAt, DateTimeOffset? RemovedAt, IReadOnlyList<WebhookDeliveryRow> Deliveries);

public sealed record WebhookDeliveryRow(
    long Id, string Event, DateTimeOffset CreatedAt, WebhookDeliveryState State, int Attempts, DateTimeOffset? LastAttemptAt,
    int? LastStatus, string? LastError, DateTimeOffset NextAttemptAt);

public sealed class ListWebhooksHandler(IClubDbFactory dbFactory) : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookEndpointRow>>
{
    public async ValueTask<IReadOnlyList<WebhookEndpointRow>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var endpoints = await (
                from e in db.WebhookEndpoints
                join p in db.Partners on e.PartnerId equals p.Id
                orderby e.RemovedAt != null, p.Name, e.Id
                select new { e.Id, PartnerName = p.Name, e.Url, e.Events, e.CreatedAt, e.FailingSince, e.PausedAt, e.RemovedAt })
            .AsNoTracking().ToListAsync(cancellationToken);
        var rows = new List<WebhookEndpointRow>(endpoints.Count);
        foreach (var e in endpoints)
        {
            var deliveries = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.EndpointId == e.Id)
                .OrderByDescending(d => d.Id)
                .Take(query.DeliveriesPerEndpoint)
                .Select(d => new WebhookDeliveryRow(d.Id, d.Event, d.CreatedAt, d.State, d.Attempts, d.LastAttemptAt, d.LastStatus, d.LastError, d.NextAttemptAt))
                .ToListAsync(cancellationToken);
            rows.Add(new WebhookEndpointRow(e.Id, e.PartnerName, e.Url, e.Events, e.CreatedAt, e.FailingSince, e.PausedAt, e.RemovedAt, deliveries));
        }

        return rows;
    }
}
