using Club.Application.Abstractions;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>The sales rules (window, daily cap, buyer's answer days), as the points rules page shows them.</summary>
public sealed record GetSalesPolicyQuery : IQuery<SalesPolicy>;

public sealed class GetSalesPolicyHandler(IClubDbFactory dbFactory) : IQueryHandler<GetSalesPolicyQuery, SalesPolicy>
{
    public async ValueTask<SalesPolicy> Handle(GetSalesPolicyQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await SalesPolicies.CurrentAsync(db, cancellationToken);
    }
}

/// <summary>Reading the sales rules, shared by the handlers and the job that apply them.</summary>
public static class SalesPolicies
{
    /// <summary>The row the migration creates; the defaults only if someone deleted it by hand.</summary>
    public static async Task<SalesPolicy> CurrentAsync(IClubDb db, CancellationToken cancellationToken) =>
        await db.SalesPolicies.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SalesPolicy();
}
