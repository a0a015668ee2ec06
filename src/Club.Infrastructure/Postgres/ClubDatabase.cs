using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Postgres;

/// <summary>
/// Where the database is: the server named by ConnectionStrings:Club, or, when none is set, a private
/// embedded server started by <see cref="StartAsync"/> and stopped when the host disposes this singleton.
/// Resolved lazily (not while the host is being configured) so that test hosts can set the connection string.
/// </summary>
public sealed class ClubDatabase(IConfiguration configuration, ClubPaths paths, ILogger<ClubDatabase> logger)
    : IAsyncDisposable
{
    public const string ConnectionStringName = "Club";

    /// <summary>Connections one node's pool may open (Club:Database:MaxPoolSize); see docs/operations.md for N nodes.</summary>
    public const int DefaultMaxPoolSize = 25;

    /// <summary>The scheduler's own pool per node: check-ins, trigger acquisition, a few statements per job run.</summary>
    public const int SchedulerPoolSize = 10;

    /// <summary>Restarts of a dead embedded server before the site gives up on it (and says so in the log).</summary>
    public const int MaxRestarts = 3;

    private static readonly TimeSpan SupervisionInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim startLock = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? supervision;
    private EmbeddedPostgres? embedded;
    private string? connectionString;

    public string ConnectionString => connectionString
        ?? throw new InvalidOperationException("The database has not been started yet: call PrepareClubDatabaseAsync at startup.");

    /// <summary>True when this process runs its own server (demo data is loaded then).</summary>
    public bool IsEmbedded => embedded is not null;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await startLock.WaitAsync(cancellationToken);
        try
        {
            if (connectionString is not null)
            {
                return;
            }

            var configured = configuration.GetConnectionString(ConnectionStringName);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                logger.LogInformation("Using the PostgreSQL server from ConnectionStrings:{Name}", ConnectionStringName);
                connectionString = WithPoolSettings(configured, MaxPoolSize());
                return;
            }

            var options = configuration.GetSection(EmbeddedPostgresOptions.Section).Get<EmbeddedPostgresOptions>()
                ?? new EmbeddedPostgresOptions();
            if (string.IsNullOrWhiteSpace(options.DataDirectory))
            {
                options.DataDirectory = paths.Postgres;
            }

            embedded = await EmbeddedPostgres.StartAsync(options, logger, cancellationToken);
            connectionString = WithPoolSettings(embedded.ConnectionString, MaxPoolSize());
            supervision = SuperviseAsync(embedded, stopping.Token);
        }
        finally
        {
            startLock.Release();
        }
    }

    /// <summary>The same database through a small pool of its own, for the scheduler's store.</summary>
    public string SchedulerConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = SchedulerPoolSize }.ConnectionString;

    private int MaxPoolSize() => configuration.GetValue<int?>("Club:Database:MaxPoolSize") is int size and > 0 ? size : DefaultMaxPoolSize;

    /// <summary>
    /// Pool settings for an app that sends the same short statements again and again. Max Auto Prepare:
    /// PostgreSQL skips planning the repeated statements (the scan lookup planned in 0.3 ms and ran in
    /// 0.08 ms). No Reset On Close: a pooled connection is not reset on every return, which otherwise
    /// costs each next use a batch of reset statements (CLOSE ALL, RESET ALL, UNLISTEN *, DISCARD ...)
    /// that the server parses and runs; perf showed it as a large part of the server's time per scan
    /// page. Safe here because nothing sets session state: the only SET is SET LOCAL and the only
    /// advisory lock is transaction-scoped (the startup lock has a connection outside the pool). Max Pool
    /// Size: several nodes share the server's max_connections; past the pool a request waits for a free
    /// connection (Timeout) rather than the server refusing it with 53300. Settings given explicitly in the
    /// connection string win.
    /// </summary>
    private static string WithPoolSettings(string connectionString, int maxPoolSize)
    {
        // A plain builder: Npgsql's own says it "contains" every keyword it knows, set or not.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 100;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Pool Size") && !given.ContainsKey("MaxPoolSize") && !given.ContainsKey("Maximum Pool Size"))
        {
            settings.MaxPoolSize = maxPoolSize;
        }

        return settings.ConnectionString;
    }

    /// <summary>
    /// The embedded server is this process's own: if it dies (killed, out of memory), nobody else will
    /// start it, and the site would answer 503 until someone restarts the whole site. Polled, since the
    /// server is not our child (pg_ctl starts it detached).
    /// </summary>
    private async Task SuperviseAsync(EmbeddedPostgres server, CancellationToken cancellationToken)
    {
        var restarts = 0;
        try
        {
            while (true)
            {
                await Task.Delay(SupervisionInterval, cancellationToken);
                if (server.IsRunning)
                {
                    continue;
                }

                if (restarts == MaxRestarts)
                {
                    logger.LogCritical("The embedded PostgreSQL server died again after {Restarts} restarts; it is left stopped. Its log: {Log}",
                        restarts, Path.Combine(server.RootDirectory, "postgres.log"));
                    return;
                }

                restarts++;
                logger.LogError("The embedded PostgreSQL server has died; restarting it on 127.0.0.1:{Port} (restart {Restart} of {Max})", server.Port, restarts, MaxRestarts);
                try
                {
                    await server.RestartAsync(cancellationToken);
                    // Pooled connections point at the dead server: drop them rather than fail a request each.
                    NpgsqlConnection.ClearAllPools();
                    logger.LogWarning("The embedded PostgreSQL server is running again");
                }
                catch (EmbeddedPostgresException ex)
                {
                    logger.LogError(ex, "The embedded PostgreSQL server could not be restarted");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (supervision is not null)
        {
            await supervision;
        }

        stopping.Dispose();
        if (embedded is not null)
        {
            await embedded.DisposeAsync();
        }

        startLock.Dispose();
    }
}
