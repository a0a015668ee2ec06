using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Club.Infrastructure.Postgres;

/// <summary>
/// A private PostgreSQL server started from the machine's PostgreSQL binaries, in a folder this
/// launcher owns, on a free loopback port. The site uses it when no connection string is configured;
/// tests use it with a throwaway folder. Dispose stops the server.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string SuperUser = "club";
    private const int PortAttempts = 5;

    /// <summary>Start attempts after the server died: its killed children may hold the shared memory for a moment.</summary>
    private const int RestartAttempts = 10;

    private readonly PostgresBinaries binaries;
    private readonly ILogger logger;
    private EmbeddedPostgresOptions? options;
    private bool stopped;

    private EmbeddedPostgres(PostgresBinaries binaries, string rootDirectory, int port, string password, string database, ILogger logger, bool owned = true)
    {
        stopped = !owned;
        this.binaries = binaries;
        this.logger = logger;
        RootDirectory = rootDirectory;
        Port = port;
        Password = password;
        Database = database;
    }

    public string RootDirectory { get; }
    public string ClusterDirectory => Path.Combine(RootDirectory, "pgdata");
    public int Port { get; }
    public string Database { get; }
    public string Password { get; }

    public string ConnectionString => ConnectionStringFor(Database);

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new EmbeddedPostgresException($"{EmbeddedPostgresOptions.Section}:DataDirectory is not set.");
        }

        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        if (CommandRunner.IsRoot && !CommandRunner.PostgresUserExists())
        {
            throw new EmbeddedPostgresException(
                "This process runs as root, and PostgreSQL refuses to run as root, so the database runs as the " +
                $"'{CommandRunner.PostgresUser}' system user, which does not exist here. Install the Debian package " +
                "'postgresql' (it creates the user), or run the site as a normal user.");
        }

        var root = Path.GetFullPath(options.DataDirectory);
        PrepareRootDirectory(root);
        var password = await EnsureClusterAsync(binaries, root, logger, cancellationToken);
        if (RunningServerPort(root) is { } runningPort)
        {
            if (!options.AttachIfRunning)
            {
                ThrowInUse(root);
            }

            logger.LogInformation("Using the embedded PostgreSQL already running on 127.0.0.1:{Port}", runningPort);
            return new EmbeddedPostgres(binaries, root, runningPort, password, options.Database, logger, owned: false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var result = StartServer(binaries, root, port, options);
            if (result.Succeeded)
            {
                var server = new EmbeddedPostgres(binaries, root, port, password, options.Database, logger) { options = options };
                logger.LogInformation("Embedded PostgreSQL {Version} started on 127.0.0.1:{Port}, data in {Directory}",
                    binaries.MajorVersion, port, root);
                await server.EnsureDatabaseAsync(options.Database, cancellationToken);
                return server;
            }

            var log = ReadLogTail(root);
            // Another program can take the port between our probe and the server's bind: try another one.
            if (attempt < PortAttempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("Port {Port} was taken before PostgreSQL could bind it; trying another", port);
                continue;
            }

            throw new EmbeddedPostgresException(
                $"The embedded PostgreSQL server did not start (data folder '{root}').\n" +
                $"What it said:\n{Indent(result.Output)}\nEnd of its log ({LogPath(root)}):\n{Indent(log)}\n" +
                "If the data folder is damaged, move it away to start with a fresh database " +
                $"(or set {EmbeddedPostgresOptions.Section}:DataDirectory to another folder).");
        }
    }

    /// <summary>Creates a database if it does not exist yet (used for per-test databases too).</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default, string? template = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var sql = $"CREATE DATABASE {QuoteIdentifier(database)}" + (template is null ? "" : $" TEMPLATE {QuoteIdentifier(template)}");
        await using var create = new NpgsqlCommand(sql, connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// False once the server this launcher started has died (killed, crashed) without being stopped here;
    /// true for a server it only attached to, which is not its to watch.
    /// </summary>
    public bool IsRunning
    {
        get
        {
            if (stopped)
            {
                return true;
            }

            var pidFile = Path.Combine(ClusterDirectory, "postmaster.pid");
            try
            {
                return int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid) && CommandRunner.IsProcessAlive(pid) && !IsZombie(pid);
            }
            catch (IOException)
            {
                return false;
            }
        }
    }

    /// <summary>Starts the server again in its folder on the same port, so connection strings in use stay valid.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = StartServer(binaries, RootDirectory, Port, options ?? new EmbeddedPostgresOptions());
            if (result.Succeeded)
            {
                return;
            }

            if (attempt == RestartAttempts)
            {
                throw new EmbeddedPostgresException($"The embedded PostgreSQL server could not be started again:\n{Indent(result.Output)}\nEnd of its log ({LogPath(RootDirectory)}):\n{Indent(ReadLogTail(RootDirectory))}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static bool IsZombie(int pid)
    {
        // A killed process not yet reaped by its parent still has /proc/<pid>; its state letter is Z.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat.AsSpan(stat.LastIndexOf(')') + 1).TrimStart().StartsWith("Z");
    }

    public Task StopAsync()
    {
        if (stopped)
        {
            return Task.CompletedTask;
        }

        stopped = true;
        // Fast shutdown: disconnect clients, write a checkpoint, leave a clean cluster.
        var result = CommandRunner.Run(binaries.PgCtl, ["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", "60"], asPostgresUser: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Embedded PostgreSQL stopped");
        }
        else if (!result.Output.Contains("Is server running?", StringComparison.Ordinal))
        {
            logger.LogWarning("Embedded PostgreSQL did not stop cleanly: {Output}", result.Output.Trim());
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void PrepareRootDirectory(string root)
    {
        try
        {
            Directory.CreateDirectory(root);
            if (!OperatingSystem.IsWindows())
            {
                // The folder holds the database password and every member's data: owner only.
                File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EmbeddedPostgresException(
                $"Cannot create the database folder '{root}': {ex.Message}\n" +
                $"Choose a writable folder with {EmbeddedPostgresOptions.Section}:DataDirectory.", ex);
        }

        CommandRunner.GiveToPostgresUser(root);
        if (!CommandRunner.PostgresUserCanEnter(root))
        {
            throw new EmbeddedPostgresException(
                $"This process runs as root, so the database runs as the '{CommandRunner.PostgresUser}' system user, " +
                $"which cannot reach '{root}' (a parent folder is closed to other users, e.g. /root).\n" +
                $"Choose a folder it can reach with {EmbeddedPostgresOptions.Section}:DataDirectory, e.g. /var/lib/club.");
        }
    }

    private static async Task<string> EnsureClusterAsync(PostgresBinaries binaries, string root, ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = Path.Combine(root, "pgdata");
        var passwordFile = Path.Combine(root, "superuser.password");
        var versionFile = Path.Combine(cluster, "PG_VERSION");

        if (File.Exists(versionFile))
        {
            var clusterVersion = (await File.ReadAllTextAsync(versionFile, cancellationToken)).Trim();
            if (binaries.MajorVersion != 0 && clusterVersion != binaries.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new EmbeddedPostgresException(
                    $"The database in '{cluster}' was made by PostgreSQL {clusterVersion}, but the installed server is " +
                    $"{binaries.MajorVersion}. Install PostgreSQL {clusterVersion}, point {EmbeddedPostgresOptions.Section}:BinDirectory " +
                    "at it, or move the folder away to start with a fresh database.");
            }

            if (!File.Exists(passwordFile))
            {
                throw new EmbeddedPostgresException(
                    $"The database in '{cluster}' has lost its password file '{passwordFile}'. " +
                    "Move the data folder away to start with a fresh database.");
            }

            return (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        }

        if (Directory.Exists(cluster) && Directory.EnumerateFileSystemEntries(cluster).Any())
        {
            throw new EmbeddedPostgresException(
                $"'{cluster}' is not empty but holds no PostgreSQL database (PG_VERSION is missing): " +
                "an interrupted first start or a damaged folder. Move it away or delete it to start fresh.");
        }

        logger.LogInformation("Creating the embedded PostgreSQL database in {Directory} (first start)", root);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        CommandRunner.GiveToPostgresUser(root);
        // C.UTF-8: sorting stays by code point (as with no locale), but the character type knows
        // letters beyond ASCII, so lower() folds Cyrillic and pg_trgm finds trigrams in Russian names.
        // A system without that locale gets the old no-locale cluster (search then matches Latin only).
        string[] arguments = ["-D", cluster, "-U", SuperUser, "--pwfile", passwordFile, "--auth", "scram-sha-256", "-E", "UTF8", "--no-instructions"];
        var result = CommandRunner.Run(binaries.InitDb, [.. arguments, "--locale=C.UTF-8"], asPostgresUser: true);
        if (!result.Succeeded)
        {
            logger.LogWarning("initdb could not use the C.UTF-8 locale; creating the database without a locale:\n{Output}", result.Output);
            TryDelete(cluster);
            result = CommandRunner.Run(binaries.InitDb, [.. arguments, "--no-locale"], asPostgresUser: true);
        }

        if (!result.Succeeded)
        {
            // Leave no half-made cluster behind, or the next start would refuse the folder.
            TryDelete(cluster);
            throw new EmbeddedPostgresException($"initdb could not create the database in '{cluster}':\n{Indent(result.Output)}");
        }

        return password;
    }

    /// <summary>The port of a live server on this folder (from its postmaster.pid), or null.</summary>
    private static int? RunningServerPort(string root)
    {
        var pidFile = Path.Combine(root, "pgdata", "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[0], out var pid) && CommandRunner.IsProcessAlive(pid)
            && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static void ThrowInUse(string root)
    {
        var lines = File.ReadAllLines(Path.Combine(root, "pgdata", "postmaster.pid"));
        throw new EmbeddedPostgresException(
            $"The database folder '{root}' is in use by a running PostgreSQL server (pid {lines[0]}, port {lines[3]}).\n" +
            "  - if another Club site is running on this folder, stop it first, or point this one at its server with ConnectionStrings:Club;\n" +
            $"  - if it was left behind by a crash, stop it: pg_ctl stop -D {Path.Combine(root, "pgdata")}" +
            (CommandRunner.IsRoot ? $" (as the {CommandRunner.PostgresUser} user: runuser -u postgres -- ...)" : ""));
    }

    private static CommandRunner.CommandResult StartServer(PostgresBinaries binaries, string root, int port, EmbeddedPostgresOptions options)
    {
        var settings = new List<string>
        {
            $"-p {port}",
            "-c listen_addresses=127.0.0.1",
            // No Unix socket: its default folder may not exist or belong to someone else; TCP on loopback is enough.
            "-c unix_socket_directories=''",
            $"-c max_connections={options.MaxConnections}",
        };
        if (!options.Durable)
        {
            settings.Add("-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }

        return CommandRunner.Run(binaries.PgCtl,
        [
            "start", "-D", Path.Combine(root, "pgdata"), "-l", LogPath(root), "-w", "-t", "60",
            "-o", string.Join(' ', settings),
        ], asPostgresUser: true, timeout: TimeSpan.FromSeconds(90));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LogPath(string root) => Path.Combine(root, "postgres.log");

    private static string ReadLogTail(string root)
    {
        try
        {
            var lines = File.ReadAllLines(LogPath(root));
            return string.Join('\n', lines.TakeLast(15));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static string Indent(string text) =>
        string.Join('\n', text.Trim().Split('\n').Select(line => "    " + line));

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
