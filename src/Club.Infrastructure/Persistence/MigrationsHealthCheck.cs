using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Club.Infrastructure.Persistence;

/// <summary>
/// Readiness: the database has every migration this build knows. A node whose schema is behind (a
/// deployment that has not migrated yet) must not get traffic. Once up to date it stays so for this
/// process (migrations only ever get applied), so the check then costs nothing.
/// </summary>
internal sealed class MigrationsHealthCheck(IDbContextFactory<ClubDbContext> contexts) : IHealthCheck
{
    private volatile bool upToDate;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (upToDate)
        {
            return HealthCheckResult.Healthy();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            return HealthCheckResult.Unhealthy($"{pending} migrations not applied");
        }

        upToDate = true;
        return HealthCheckResult.Healthy();
    }
}
