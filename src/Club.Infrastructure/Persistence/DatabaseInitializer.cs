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
using Npgsql;

namespace Club.Infrastructure.Persistence;

public static class DatabaseInitializer
{
    /// <summary>
    /// Any constant of our own: the session advisory lock that nodes starting together queue on, so
    /// migrations, roles and demo data run on one node at a time (EF's own locking did not stop two
    /// nodes creating the same tables: 42P07).
    /// </summary>
    public const long StartupLockKey = 0x436C_7562_5374_6172; // "ClubStar"

    /// <summary>
    /// Starts the embedded server if one is needed, then, holding <see cref="StartupLockKey"/>, brings the
    /// schema up to date and makes sure the program's roles exist. Demo data is loaded with the embedded
    /// server, or when Club:SeedDemoData is true. A second node waits for the lock, then finds it all done.
    /// </summary>
    public static async Task PrepareClubDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<ClubDatabase>();
        await database.StartAsync(cancellationToken);
        // Fail at start, with a clear message, rather than at the first scan, when the tag keys are missing.
        services.GetRequiredService<ClubKeys>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var seedDemoData = configuration.GetValue<bool?>("Club:SeedDemoData") ?? database.IsEmbedded;
        var seedDemoHistory = configuration.GetValue<bool?>("Club:SeedDemoHistory") ?? true;

        // A connection of its own, outside the pool: the lock belongs to the session and ends with it,
        // even if this node dies while migrating.
        await using var lockConnection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        await TakeStartupLockAsync(lockConnection, logger, cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<ClubDbContext>();

        // Creating the history table first spares a fresh database EF's logged "relation does not exist" error.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        // Said at the terminal: a first start spends most of its time here.
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        if (pending > 0)
        {
            logger.LogInformation("Migrating the database: {Count} migrations to apply", pending);
        }

        // A migration that rewrites a large table (ScanCountOnTags at 50 million tags) runs for minutes: the
        // default 30 s would abort it (rolled back) and the site would never start.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync(cancellationToken);
        db.Database.SetCommandTimeout(null);
        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole<Guid>>>());

        if (seedDemoData)
        {
            await DemoDataSeeder.SeedAsync(provider, logger, seedDemoHistory, cancellationToken);
        }
    }

    /// <summary>
    /// Tries the lock until it is free rather than blocking in pg_advisory_lock: a blocked statement keeps a
    /// snapshot open, and the first node's CREATE INDEX CONCURRENTLY waits for every such snapshot to end,
    /// so each would wait for the other until a timeout.
    /// </summary>
    private static async Task TakeStartupLockAsync(NpgsqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({StartupLockKey})", connection);
        var waiting = false;
        while (await take.ExecuteScalarAsync(cancellationToken) is not true)
        {
            if (!waiting)
            {
                logger.LogInformation("Another node is preparing the database; waiting for it");
                waiting = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
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
