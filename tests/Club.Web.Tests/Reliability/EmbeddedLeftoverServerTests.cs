using System.Text.Json;
using Club.Infrastructure.Postgres;
using Club.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Club.Web.Tests.Reliability;

/// <summary>
/// The site in embedded mode as a real process, killed with SIGKILL (a closed terminal, a crash): its
/// PostgreSQL outlives it, and the next start must take that server back instead of refusing the folder.
/// </summary>
[LongRunning]
public sealed class EmbeddedLeftoverServerTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "club-leftover-tests", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> EmbeddedSettings => new()
    {
        ["Club:EmbeddedPostgres:DataDirectory"] = folder,
        ["Club:EmbeddedPostgres:Durable"] = "false",
    };

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_site_killed_with_sigkill_leaves_its_server_and_the_next_start_reuses_it_with_the_data()
    {
        await using (var first = SiteProcess.Start(connectionString: "", EmbeddedSettings))
        {
            await first.WaitForOutputAsync("Club is running at", TimeSpan.FromMinutes(3));
            string.Join('\n', first.Output).Should().Contain("Migrating the database");
            await ExecuteAsync("CREATE TABLE kept_notes(text text); INSERT INTO kept_notes VALUES ('kept')");
            first.Kill();
        }

        var leftover = Marker();
        IsAlive(leftover.Pid).Should().BeTrue("pg_ctl detaches the server, so SIGKILL of the site does not reach it");

        await using var second = SiteProcess.Start(connectionString: "", EmbeddedSettings);
        await second.WaitForOutputAsync("Club is running at", TimeSpan.FromMinutes(3));

        string.Join('\n', second.Output).Should().Contain("Reusing the embedded PostgreSQL").And.NotContain("Migrating the database");
        Marker().Pid.Should().Be(leftover.Pid, "the server was taken over, not started again");
        (await ExecuteAsync("SELECT text FROM kept_notes")).Should().Be("kept");
        using var client = new HttpClient { BaseAddress = new Uri(second.Address) };
        (await client.GetAsync("/health")).IsSuccessStatusCode.Should().BeTrue();
    }

    public async Task DisposeAsync()
    {
        // The killed sites left their server running: the launcher adopts it once more and stops it.
        if (File.Exists(Path.Combine(folder, "pgdata", "postmaster.pid")))
        {
            await using (await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder, Durable = false }, NullLogger.Instance))
            {
            }
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private (int Pid, int Port) Marker()
    {
        using var marker = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "club-server.json")));
        return (marker.RootElement.GetProperty("PostmasterPid").GetInt32(), marker.RootElement.GetProperty("Port").GetInt32());
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private async Task<object?> ExecuteAsync(string sql)
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Marker().Port,
            Username = EmbeddedPostgres.SuperUser,
            Password = (await File.ReadAllTextAsync(Path.Combine(folder, "superuser.password"))).Trim(),
            Database = "club",
            Pooling = false,
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
