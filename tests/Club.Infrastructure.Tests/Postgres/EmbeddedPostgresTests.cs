using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text.Json.Nodes;
using Npgsql;

namespace Club.Infrastructure.Tests.Postgres;

/// <summary>The launcher itself, each test with its own folder and server (not the shared test server).</summary>
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "club-launcher-tests", Guid.NewGuid().ToString("N"));

    private EmbeddedPostgresOptions Options => new() { DataDirectory = folder, Durable = false };

    [Fact]
    public async Task Keeps_the_data_across_a_restart_in_the_same_folder()
    {
        await using (var first = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance))
        {
            await ExecuteAsync(first.ConnectionString, "CREATE TABLE notes(text text); INSERT INTO notes VALUES ('kept')");
        }

        await using var second = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);
        await using var connection = new NpgsqlConnection(second.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT text FROM notes", connection);
        (await read.ExecuteScalarAsync()).Should().Be("kept");
    }

    [Fact]
    public async Task Stops_the_server_on_dispose()
    {
        string connectionString;
        await using (var server = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance))
        {
            connectionString = server.ConnectionString;
        }

        File.Exists(Path.Combine(folder, "pgdata", "postmaster.pid")).Should().BeFalse();
        var connect = async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3;Pooling=false");
            await connection.OpenAsync();
        };
        await connect.Should().ThrowAsync<NpgsqlException>();
    }

    [Fact]
    public async Task Refuses_a_folder_already_served_by_a_running_server_and_says_what_to_do()
    {
        await using var running = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);

        var second = () => EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);

        (await second.Should().ThrowAsync<EmbeddedPostgresException>())
            .Which.Message.Should().Contain("in use").And.Contain("pg_ctl stop");
    }

    [Fact]
    public async Task Refuses_a_server_it_did_not_start_and_gives_the_stop_command_with_full_paths()
    {
        await using var running = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);
        // As if someone had started the server by hand: no marker names it.
        File.Delete(Path.Combine(folder, "club-server.json"));

        var second = () => EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);

        var pgCtl = PostgresBinaries.Locate(configuredDirectory: null).PgCtl;
        Path.IsPathFullyQualified(pgCtl).Should().BeTrue();
        (await second.Should().ThrowAsync<EmbeddedPostgresException>())
            .Which.Message.Should().Contain("did not start")
            .And.Contain($"{pgCtl} stop -D {Path.Combine(folder, "pgdata")}")
            .And.Contain("ConnectionStrings:Club");
    }

    [Fact]
    public async Task A_server_left_by_a_dead_site_that_does_not_answer_as_its_marker_says_is_stopped_and_started_afresh()
    {
        var capture = new Club.Testing.LogCapture();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(capture));
        var first = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);
        await ExecuteAsync(first.ConnectionString, "CREATE TABLE notes(text text); INSERT INTO notes VALUES ('kept')");
        // The site that started it is gone (a finished process's pid), and the marker names another instance.
        var marker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "club-server.json")))!;
        marker["OwnerPid"] = DeadProcessId();
        marker["InstanceId"] = Guid.NewGuid();
        await File.WriteAllTextAsync(Path.Combine(folder, "club-server.json"), marker.ToJsonString());

        await using var second = await EmbeddedPostgres.StartAsync(Options, loggers.CreateLogger("launcher"));

        capture.Lines.Should().Contain(line => line.Contains("Stopping the embedded PostgreSQL"));
        await using var connection = new NpgsqlConnection(second.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT text FROM notes", connection);
        (await read.ExecuteScalarAsync()).Should().Be("kept");
    }

    [Fact]
    public async Task A_server_left_by_a_dead_site_is_reused_and_stopped_by_its_new_owner()
    {
        var capture = new Club.Testing.LogCapture();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(capture));
        var first = await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);
        var marker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "club-server.json")))!;
        marker["OwnerPid"] = DeadProcessId();
        await File.WriteAllTextAsync(Path.Combine(folder, "club-server.json"), marker.ToJsonString());

        await using (var second = await EmbeddedPostgres.StartAsync(Options, loggers.CreateLogger("launcher")))
        {
            second.Port.Should().Be(first.Port);
            capture.Lines.Should().Contain(line => line.Contains("Reusing the embedded PostgreSQL"));
        }

        File.Exists(Path.Combine(folder, "pgdata", "postmaster.pid")).Should().BeFalse("the new owner stops the server it took over");
    }

    [Fact]
    public async Task Names_the_package_to_install_when_the_binaries_are_missing()
    {
        var options = Options;
        options.BinDirectory = "/nonexistent/postgresql/bin";

        var start = () => EmbeddedPostgres.StartAsync(options, NullLogger.Instance);

        (await start.Should().ThrowAsync<EmbeddedPostgresException>())
            .Which.Message.Should().Contain("/usr/lib/postgresql");
    }

    [Fact]
    public void Without_any_binaries_says_which_package_to_install_and_how_to_use_an_external_server()
    {
        var locate = () => PostgresBinaries.Locate(configuredDirectory: null, searchDirectories: []);

        locate.Should().Throw<EmbeddedPostgresException>()
            .Which.Message.Should().Contain("apt-get install postgresql").And.Contain("ConnectionStrings:Club");
    }

    [Fact]
    public async Task Starts_with_the_buffer_pool_size_it_is_given()
    {
        await using var server = await EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = folder, Durable = false, SharedBuffers = "192MB" }, NullLogger.Instance);
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW shared_buffers", connection);
        (await show.ExecuteScalarAsync()).Should().Be("192MB");
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("1GB -c fsync=off")]
    [InlineData("0MB")]
    public async Task Refuses_a_buffer_pool_size_that_is_not_one_before_touching_the_folder(string size)
    {
        var start = () => EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = folder, SharedBuffers = size }, NullLogger.Instance);

        (await start.Should().ThrowAsync<EmbeddedPostgresException>())
            .Which.Message.Should().Contain("SharedBuffers").And.Contain("4GB");
        Directory.Exists(folder).Should().BeFalse();
    }

    [Fact]
    public async Task Refuses_a_folder_that_holds_something_else_instead_of_damaging_it()
    {
        Directory.CreateDirectory(Path.Combine(folder, "pgdata"));
        await File.WriteAllTextAsync(Path.Combine(folder, "pgdata", "my-notes.txt"), "not a database");

        var start = () => EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);

        (await start.Should().ThrowAsync<EmbeddedPostgresException>())
            .Which.Message.Should().Contain("Move it away");
        File.Exists(Path.Combine(folder, "pgdata", "my-notes.txt")).Should().BeTrue();
    }

    [Fact]
    public async Task Refuses_a_database_whose_password_file_is_lost()
    {
        await using (await EmbeddedPostgres.StartAsync(Options, NullLogger.Instance))
        {
        }

        File.Delete(Path.Combine(folder, "superuser.password"));

        var start = () => EmbeddedPostgres.StartAsync(Options, NullLogger.Instance);

        (await start.Should().ThrowAsync<EmbeddedPostgresException>()).Which.Message.Should().Contain("password file");
    }

    [Fact]
    public async Task A_killed_server_is_noticed_and_restarted_on_the_same_port()
    {
        var capture = new Club.Testing.LogCapture();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(capture));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Club:EmbeddedPostgres:DataDirectory"] = folder,
            ["Club:EmbeddedPostgres:Durable"] = "false",
        }).Build();
        var paths = new ClubPaths(configuration, new HostingEnvironment { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        await using var database = new ClubDatabase(configuration, paths, loggers.CreateLogger<ClubDatabase>());
        await database.StartAsync();

        var postmaster = int.Parse(File.ReadLines(Path.Combine(folder, "pgdata", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        using (var server = System.Diagnostics.Process.GetProcessById(postmaster))
        {
            server.Kill(); // SIGKILL
        }

        object? answer = null;
        var until = DateTime.UtcNow.AddSeconds(90);
        while (answer is null && DateTime.UtcNow < until)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString + ";Pooling=false;Timeout=3");
                await connection.OpenAsync();
                await using var read = new NpgsqlCommand("SELECT 'back'", connection);
                answer = await read.ExecuteScalarAsync();
            }
            catch (NpgsqlException)
            {
                await Task.Delay(250);
            }
        }

        answer.Should().Be("back", string.Join('\n', capture.Lines));
        capture.Lines.Should().Contain(line => line.Contains("has died; restarting it") && line.Contains("restart 1 of 3"));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int DeadProcessId()
    {
        using var process = System.Diagnostics.Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
