using Club.Application.Abstractions;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>The expiry and birthday time rules, as the points rules page shows them.</summary>
public sealed record GetPointsPolicyQuery : IQuery<PointsPolicy>;

public sealed class GetPointsPolicyHandler(IClubDbFactory dbFactory) : IQueryHandler<GetPointsPolicyQuery, PointsPolicy>
{
    public async ValueTask<PointsPolicy> Handle(GetPointsPolicyQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await PointsPolicies.CurrentAsync(db, cancellationToken);
    }
}

/// <summary>Reading the time rules, shared by the jobs and handlers that apply them.</summary>
public static class PointsPolicies
{
    /// <summary>The row the migration creates; the defaults only if someone deleted it by hand.</summary>
    public static async Task<PointsPolicy> CurrentAsync(IClubDb db, CancellationToken cancellationToken) =>
        await db.PointsPolicies.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new PointsPolicy();

}
