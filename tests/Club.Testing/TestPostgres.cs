using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Club.Testing;

/// <summary>
/// One throwaway PostgreSQL server per test process, started by the project's own launcher in a temp
/// folder and removed when the process exits, whether tests passed or failed. Servers left behind by
/// a killed run are removed by the next run.
/// </summary>
public static class TestPostgres
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "club-tests");
    private static readonly Lazy<Task<EmbeddedPostgres>> Server = new(StartAsync);

    public static Task<EmbeddedPostgres> GetAsync() => Server.Value;

    public static async Task<string> CreateDatabaseAsync(string name, string? template = null)
    {
        var server = await GetAsync();
        await server.EnsureDatabaseAsync(name, template: template);
        return server.ConnectionStringFor(name);
    }

    public static async Task DropDatabaseAsync(string name)
    {
        var server = await GetAsync();
        await using var connection = new NpgsqlConnection(server.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        RemoveLeftovers();
        var folder = Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var owner = folder + ".owner";
        await File.WriteAllTextAsync(owner, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var server = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = folder, Durable = false, MaxConnections = 300 },
            NullLogger.Instance);
        StartJanitor(folder);
        return server;
    }

    /// <summary>
    /// The test host is killed by the runner right after the last test, before exit handlers can
    /// finish, so a detached shell watches this process and, once it is gone, shuts the server down
    /// (SIGINT: fast shutdown) and deletes its folder.
    /// </summary>
    private static void StartJanitor(string folder)
    {
        var script =
            "exec >/dev/null 2>&1 </dev/null; " +
            $"while kill -0 {Environment.ProcessId}; do sleep 0.5; done; " +
            $"pid=$(head -1 '{folder}/pgdata/postmaster.pid'); " +
            "if [ -n \"$pid\" ]; then kill -INT $pid; while kill -0 $pid; do sleep 0.2; done; fi; " +
            $"rm -rf '{folder}' '{folder}.owner'";
        using var janitor = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
    }

    /// <summary>Stops and deletes servers whose test process is gone (a run killed before it could clean up).</summary>
    private static void RemoveLeftovers()
    {
        if (!Directory.Exists(Root))
        {
            Directory.CreateDirectory(Root);
            return;
        }

        foreach (var owner in Directory.GetFiles(Root, "*.owner"))
        {
            if (int.TryParse(File.ReadAllText(owner), out var pid) && Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            var folder = Path.Combine(Root, Path.GetFileNameWithoutExtension(owner));
            var pidFile = Path.Combine(folder, "pgdata", "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster))
            {
                // SIGINT is PostgreSQL's fast shutdown; its folder is deleted right after.
                using var kill = System.Diagnostics.Process.Start("kill", ["-INT", postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }

            TryDelete(folder);
            File.Delete(owner);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
