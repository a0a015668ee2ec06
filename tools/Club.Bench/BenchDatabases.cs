using Club.Infrastructure.Persistence;
using Club.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Club.Bench;

/// <summary>
/// The server of a benchmark and its seeded databases. Seeding millions of rows takes longer than the
/// runs, so a seeded database is kept as a template (with <c>--data DIR</c> the server folder, and with
/// it the templates, survive between runs) and every measured run gets a fresh file copy of it: the job
/// and its baseline start from byte-identical databases.
/// </summary>
internal sealed class BenchDatabases : IAsyncDisposable
{
    private readonly string? throwawayRoot;

    private BenchDatabases(EmbeddedPostgres server, string appData, string? throwawayRoot)
    {
        Server = server;
        AppData = appData;
        this.throwawayRoot = throwawayRoot;
    }

    public EmbeddedPostgres Server { get; }

    public string AppData { get; }

    /// <summary>
    /// A durable server (the site's embedded settings) in <c>--data DIR</c>, kept, or in a throwaway folder;
    /// <c>--shared-buffers SIZE</c> sizes its buffer pool as operations.md advises for many tags.
    /// </summary>
    public static async Task<BenchDatabases> StartAsync(string[] args)
    {
        var kept = BenchSupport.Option(args, "--data");
        var root = kept is null ? Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}") : Path.GetFullPath(kept);
        var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"), BenchSupport.Option(args, "--shared-buffers"));
        return new BenchDatabases(server, Path.Combine(root, "app"), kept is null ? root : null);
    }

    /// <summary>
    /// A database migrated to the current schema, with the demo data and what <paramref name="seed"/>
    /// adds, vacuumed and analysed. Reused when a kept server already holds it for the same migrations.
    /// </summary>
    public async Task<string> TemplateAsync(string name, Func<string, Task> seed)
    {
        var stamp = $"club-bench seeded at {LatestMigration()}";
        if (await CommentAsync(name) == stamp)
        {
            Console.WriteLine($"template {name}: kept from an earlier run");
            return name;
        }

        await DropAsync(name);
        await Server.EnsureDatabaseAsync(name);
        var connectionString = Server.ConnectionStringFor(name);
        using (await BenchSupport.StartAppAsync(connectionString, AppData))
        {
        }

        var timer = System.Diagnostics.Stopwatch.StartNew();
        await seed(connectionString);
        await BenchSupport.ExecAsync(connectionString, "VACUUM (FREEZE, ANALYZE)");
        Console.WriteLine($"template {name}: seeded in {timer.Elapsed.TotalSeconds:F1} s");
        NpgsqlConnection.ClearAllPools();
        await BenchSupport.ExecAsync(Server.ConnectionStringFor("postgres"), $"COMMENT ON DATABASE {name} IS '{stamp}'");
        return name;
    }

    /// <summary>A fresh copy of a template (file copy: seconds, where replaying it through the WAL takes minutes).</summary>
    public async Task<string> CopyAsync(string template, string name)
    {
        await DropAsync(name);
        NpgsqlConnection.ClearAllPools();
        await BenchSupport.ExecAsync(Server.ConnectionStringFor("postgres"),
            $"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY; CHECKPOINT");
        return Server.ConnectionStringFor(name);
    }

    public async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await BenchSupport.ExecAsync(Server.ConnectionStringFor("postgres"), $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>The server settings that matter for bulk writes: those of the site's embedded server, unchanged.</summary>
    public async Task<string> SettingsAsync()
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
            WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_level', 'shared_buffers',
                           'wal_buffers', 'max_wal_size', 'work_mem', 'checkpoint_timeout', 'huge_pages', 'wal_compression')
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Server.DisposeAsync();
        if (throwawayRoot is not null)
        {
            BenchSupport.DeleteFolder(throwawayRoot);
        }
    }

    private async Task<string?> CommentAsync(string database)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(database);
        return await command.ExecuteScalarAsync() as string;
    }

    private static string LatestMigration()
    {
        using var context = new DesignTimeClubDbContextFactory().CreateDbContext([]);
        return context.Database.GetMigrations().Last();
    }
}
