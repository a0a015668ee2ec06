using Club.Domain.Members;
using Club.Infrastructure.Persistence.DemoData;
using Club.Infrastructure.Postgres;
using Club.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Persistence;

public static class DatabaseInitializer
{
    /// <summary>
    /// Starts the embedded server if one is needed, brings the schema up to date (EF Core takes a
    /// database lock, so two nodes starting together migrate once) and makes sure the program's roles
    /// exist. Demo data is loaded with the embedded server, or when Club:SeedDemoData is true.
    /// </summary>
    public static async Task PrepareClubDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<ClubDatabase>();
        await database.StartAsync(cancellationToken);
        // Fail at start, with a clear message, rather than at the first scan, when the tag keys are missing.
        services.GetRequiredService<ClubKeys>();
        var seedDemoData = services.GetRequiredService<IConfiguration>().GetValue<bool?>("Club:SeedDemoData") ?? database.IsEmbedded;

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = provider.GetRequiredService<ClubDbContext>();

        // Creating the history table first spares a fresh database EF's logged "relation does not exist" error.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());

        if (seedDemoData)
        {
            await DemoDataSeeder.SeedAsync(provider, logger, cancellationToken);
        }
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole<Guid>(role));
                // A second node may create the same role at the same moment; the unique index decides.
                if (!result.Succeeded && !await roles.RoleExistsAsync(role))
                {
                    throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
