using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Audit;

/// <summary>
/// The audit page and its CSV export: newest first, filtered by person (email or part of it), entity
/// (type, optionally id) and the club's calendar days <paramref name="From"/>..<paramref name="To"/>.
/// </summary>
public sealed record ListAuditLogQuery(
    string? Actor = null,
    string? EntityType = null,
    string? EntityId = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int Page = 1,
    int PageSize = ListAuditLogQuery.DefaultPageSize) : IQuery<AuditPage>
{
    public const int DefaultPageSize = 50;

    /// <summary>The export's cap: a year of a busy back office, small enough to build in memory.</summary>
    public const int MaxExportRows = 100_000;
}

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, bool HasMore, IReadOnlyList<string> EntityTypes);

public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    string Actor,
    string? ClientAddress,
    string Action,
    string EntityType,
    string EntityId,
    string? Before,
    string? After,
    Guid? MemberId,
    string? PersonalValue);

public sealed class ListAuditLogHandler(IClubDbFactory dbFactory, PointsSettings settings) : IQueryHandler<ListAuditLogQuery, AuditPage>
{
    public async ValueTask<AuditPage> Handle(ListAuditLogQuery query, CancellationToken cancellationToken)
    {
        // A hostile ?page= must not overflow the offset: far pages are simply empty.
        var page = Math.Clamp(query.Page, 1, 100_000);
        var size = Math.Clamp(query.PageSize, 1, ListAuditLogQuery.MaxExportRows);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var rows = Filter(db.AuditLog.AsNoTracking(), query);

        var found = await rows
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * size)
            .Take(size + 1)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.ClientAddress, e.Action, e.EntityType, e.EntityId, e.Before, e.After, e.MemberId, e.PersonalValue))
            .ToListAsync(cancellationToken);
        var types = await db.AuditLog.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        return new AuditPage(found.Take(size).ToList(), page, found.Count > size, types);
    }

    private IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> rows, ListAuditLogQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLowerInvariant();
            rows = rows.Where(e => e.ActorName.ToLower().Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            var type = query.EntityType.Trim();
            rows = rows.Where(e => e.EntityType == type);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            var id = query.EntityId.Trim();
            rows = rows.Where(e => e.EntityId == id);
        }

        // Days are the club's days: "3 December" runs from the club's midnight to the next.
        if (query.From is { } from)
        {
            var start = settings.StartOf(from);
            rows = rows.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = settings.StartOf(to.AddDays(1));
            rows = rows.Where(e => e.At < end);
        }

        return rows;
    }
}
