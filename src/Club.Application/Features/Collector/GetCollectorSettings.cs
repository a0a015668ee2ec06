using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Collector;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Collector;

/// <summary>The hidden status's rules as the program manager's page shows them, with this year's holders.</summary>
public sealed record GetCollectorSettingsQuery : IQuery<CollectorOverview>;

/// <summary>Holders: members holding the status now; Opened: those of them who have opened its benefits.</summary>
public sealed record CollectorOverview(CollectorSettings Settings, int Year, int Holders, int Opened, int CouponsRedeemed);

public sealed class GetCollectorSettingsHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock)
    : IQueryHandler<GetCollectorSettingsQuery, CollectorOverview>
{
    public async ValueTask<CollectorOverview> Handle(GetCollectorSettingsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var year = CollectorYears.Of(clock.GetUtcNow(), settings.Zone);
        var rules = await CollectorRules.CurrentAsync(db, cancellationToken);
        var holders = await db.CollectorStatuses.Where(s => s.Year == year)
            .GroupBy(_ => 1)
            .Select(g => new { All = g.Count(), Opened = g.Count(s => s.OpenedAt != null) })
            .SingleOrDefaultAsync(cancellationToken);
        var redeemed = await db.CollectorCoupons.CountAsync(c => c.Year == year && c.RedeemedAt != null, cancellationToken);
        return new CollectorOverview(rules, year, holders?.All ?? 0, holders?.Opened ?? 0, redeemed);
    }
}

/// <summary>Reading the status's rules, shared by the handlers that apply them.</summary>
public static class CollectorRules
{
    /// <summary>The row the migration creates; the defaults only if someone deleted it by hand.</summary>
    public static async Task<CollectorSettings> CurrentAsync(IClubDb db, CancellationToken cancellationToken) =>
        await db.CollectorSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new CollectorSettings();
}
