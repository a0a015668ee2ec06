using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
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
    private Guid instanceId;
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

        if (!string.IsNullOrWhiteSpace(options.SharedBuffers))
        {
            SharedBuffersSetting(options.SharedBuffers);
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
        if (RunningServer(root) is { } running)
        {
            var marker = ServerMarker.Read(root);
            var ours = marker is not null && marker.PostmasterPid == running.Pid && marker.Port == running.Port;
            if (options.AttachIfRunning)
            {
                logger.LogInformation("Using the embedded PostgreSQL already running on 127.0.0.1:{Port}", running.Port);
                return new EmbeddedPostgres(binaries, root, running.Port, password, options.Database, logger, owned: false);
            }

            if (!ours)
            {
                throw ForeignServer(binaries, root, running);
            }

            if (marker!.OwnerIsAlive)
            {
                throw InUseByAnotherSite(binaries, root, running, marker.OwnerPid);
            }

            // Left by this site's earlier run (terminal closed, process killed): adopt it, or stop it and start afresh.
            if (await AdoptAsync(binaries, root, running, marker, password, options, logger, cancellationToken) is { } adopted)
            {
                return adopted;
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var instanceId = Guid.NewGuid();
            var result = StartServer(binaries, root, port, options, instanceId);
            if (result.Succeeded)
            {
                var server = new EmbeddedPostgres(binaries, root, port, password, options.Database, logger) { options = options, instanceId = instanceId };
                server.WriteMarker();
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
            var result = StartServer(binaries, RootDirectory, Port, options ?? new EmbeddedPostgresOptions(), instanceId);
            if (result.Succeeded)
            {
                WriteMarker();
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
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat.AsSpan(stat.LastIndexOf(')') + 1).TrimStart().StartsWith("Z");
        }
        catch (IOException)
        {
            return true; // gone between the two looks
        }
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
            ServerMarker.Delete(RootDirectory);
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

    private sealed record RunningPostmaster(int Pid, int Port);

    /// <summary>The live server on this folder (from its postmaster.pid), or null.</summary>
    private static RunningPostmaster? RunningServer(string root)
    {
        var pidFile = Path.Combine(root, "pgdata", "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[0], out var pid) && CommandRunner.IsProcessAlive(pid) && !IsZombie(pid)
            && int.TryParse(lines[3], out var port) ? new RunningPostmaster(pid, port) : null;
    }

    /// <summary>
    /// Takes over a server an earlier run of this site left behind, after asking it for the cluster_name
    /// that run gave it (so a stranger on a reused pid or port is never taken for it). One that does not
    /// answer as expected is stopped, and null sends the caller on to start a fresh one.
    /// </summary>
    private static async Task<EmbeddedPostgres?> AdoptAsync(PostgresBinaries binaries, string root, RunningPostmaster running,
        ServerMarker marker, string password, EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var server = new EmbeddedPostgres(binaries, root, running.Port, password, options.Database, logger) { options = options, instanceId = marker.InstanceId };
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionStringFor("postgres")) { Pooling = false, Timeout = 5 }.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var name = new NpgsqlCommand("SHOW cluster_name", connection);
            if (await name.ExecuteScalarAsync(cancellationToken) as string == marker.ClusterName)
            {
                server.WriteMarker();
                logger.LogWarning("Reusing the embedded PostgreSQL (pid {Pid}, port {Port}) that an earlier start of this site left running in {Directory}",
                    running.Pid, running.Port, root);
                await server.EnsureDatabaseAsync(options.Database, cancellationToken);
                return server;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("The embedded PostgreSQL left running by an earlier start (pid {Pid}) does not answer: {Error}", running.Pid, ex.Message);
        }

        logger.LogWarning("Stopping the embedded PostgreSQL (pid {Pid}) left running by an earlier start, to start it afresh", running.Pid);
        var stop = CommandRunner.Run(binaries.PgCtl, ["stop", "-D", server.ClusterDirectory, "-m", "fast", "-w", "-t", "60"], asPostgresUser: true);
        if (!stop.Succeeded && RunningServer(root) is not null)
        {
            throw new EmbeddedPostgresException(
                $"The PostgreSQL server (pid {running.Pid}) left running on '{server.ClusterDirectory}' by an earlier start could not be stopped:\n" +
                $"{Indent(stop.Output)}\nStop it by hand: {StopCommand(binaries, root, "immediate")}");
        }

        ServerMarker.Delete(root);
        return null;
    }

    private static EmbeddedPostgresException ForeignServer(PostgresBinaries binaries, string root, RunningPostmaster running) => new(
        $"The database folder '{root}' is in use by a PostgreSQL server this site did not start (pid {running.Pid}, port {running.Port}; " +
        $"no marker '{ServerMarker.PathIn(root)}' names it).\n" +
        $"  - if you started it by hand, stop it: {StopCommand(binaries, root, "fast")}\n" +
        "  - or keep it and use it as an external server: set ConnectionStrings:Club to its address.");

    private static EmbeddedPostgresException InUseByAnotherSite(PostgresBinaries binaries, string root, RunningPostmaster running, int ownerPid) => new(
        $"The database folder '{root}' is in use by a running PostgreSQL server (pid {running.Pid}, port {running.Port}) " +
        $"that the Club site with pid {ownerPid} started and still uses.\n" +
        "  - stop that site first (Ctrl+C in its terminal, or kill " + ownerPid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "), or point this one at its server with ConnectionStrings:Club;\n" +
        $"  - only if that process is not a Club site, stop the server: {StopCommand(binaries, root, "fast")}");

    /// <summary>The whole command, with absolute paths: pg_ctl is not on a stock Debian PATH.</summary>
    private static string StopCommand(PostgresBinaries binaries, string root, string mode) =>
        (CommandRunner.IsRoot ? $"runuser -u {CommandRunner.PostgresUser} -- " : "") +
        $"{binaries.PgCtl} stop -D {Path.Combine(root, "pgdata")} -m {mode}";

    private void WriteMarker()
    {
        var pid = RunningServer(RootDirectory)?.Pid ?? 0;
        ServerMarker.ForThisProcess(instanceId, Port, pid).Write(RootDirectory);
    }

    private static CommandRunner.CommandResult StartServer(PostgresBinaries binaries, string root, int port, EmbeddedPostgresOptions options, Guid instanceId)
    {
        var settings = new List<string>
        {
            $"-p {port}",
            // The marker's instance id, so a later start can ask the server whether it is the one the marker names.
            $"-c cluster_name=club-{instanceId:N}",
            "-c listen_addresses=127.0.0.1",
            // No Unix socket: its default folder may not exist or belong to someone else; TCP on loopback is enough.
            "-c unix_socket_directories=''",
            $"-c max_connections={options.MaxConnections}",
        };
        if (!string.IsNullOrWhiteSpace(options.SharedBuffers))
        {
            settings.Add($"-c shared_buffers={SharedBuffersSetting(options.SharedBuffers)}");
        }

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

    /// <summary>A size PostgreSQL reads ("512MB", "4GB"), checked here: it goes onto pg_ctl's command line.</summary>
    private static string SharedBuffersSetting(string value)
    {
        var trimmed = value.Trim();
        return Regex.IsMatch(trimmed, "^[1-9][0-9]{0,6}(kB|MB|GB|TB)$")
            ? trimmed
            : throw new EmbeddedPostgresException(
                $"{EmbeddedPostgresOptions.Section}:SharedBuffers is \"{value}\": give a size such as 512MB or 4GB.");
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
