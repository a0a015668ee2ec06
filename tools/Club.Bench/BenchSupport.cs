using System.Diagnostics;
using System.Globalization;
using Club.Application;
using Club.Infrastructure;
using Club.Infrastructure.Persistence;
using Club.Infrastructure.Postgres;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Club.Bench;

internal static class BenchSupport
{
    public static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>A durable embedded server (fsync on, as in production) in a throwaway folder.</summary>
    public static Task<EmbeddedPostgres> StartServerAsync(string folder, string? sharedBuffers = null) =>
        EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder, SharedBuffers = sharedBuffers }, NullLogger.Instance);

    /// <summary>
    /// CPU seconds the server's processes have used so far (the postmaster with the backends it has
    /// reaped, plus the live ones): on a shared machine, a measure of the work that the load does not stretch.
    /// </summary>
    public static double ServerCpuSeconds(EmbeddedPostgres server)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(server.ClusterDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var ticks = 0L;
        foreach (var process in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName))
        {
            if (!int.TryParse(process, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // Fields after the command name (which may hold spaces): state is field 3, ppid 4, utime 14, stime 15, cutime 16, cstime 17.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == postmaster)
                {
                    ticks += fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
                }
                else if (parent == postmaster)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked: its time is now in the postmaster's reaped total.
            }
        }

        return ticks / 100.0;
    }

    /// <summary>The app's services over a database, migrated, with the demo products and fresh keys.</summary>
    public static async Task<IHost> StartAppAsync(string connectionString, string appData, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark" });
        builder.Configuration["ConnectionStrings:Club"] = connectionString;
        builder.Configuration["Club:SeedDemoData"] = "true";
        // The catalogue and accounts only: the demo's year of members and points would collide with the bulk seed's ids.
        builder.Configuration["Club:SeedDemoHistory"] = "false";
        builder.Configuration["Club:Keys:CreateIfMissing"] = "true";
        builder.Configuration[ClubPaths.AppDataKey] = appData;
        builder.Logging.ClearProviders();
        builder.Services.AddClubApplication();
        // Between the two: settings the infrastructure reads, services that replace the application's.
        configure?.Invoke(builder);
        builder.Services.AddClubInfrastructure(builder.Configuration);
        var host = builder.Build();
        await host.Services.PrepareClubDatabaseAsync();
        return host;
    }

    /// <summary>Peak resident memory of this process (VmHWM), in MiB.</summary>
    public static double PeakMemoryMiB() => StatusMiB("VmHWM:");

    /// <summary>Resident memory of this process now (VmRSS), in MiB.</summary>
    public static double MemoryMiB() => StatusMiB("VmRSS:");

    /// <summary>Starts the peak over from the current resident size (Linux: "5" into clear_refs), so a later peak is a step's own.</summary>
    public static void ResetPeakMemory() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static double StatusMiB(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Runs this benchmark program again in a child process and returns its last output line.</summary>
    public static string RunChild(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("club-bench", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(BenchSupport).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim().Split('\n').Last();
    }

    /// <summary>Runs statements one by one on one connection (some, like VACUUM or CREATE DATABASE, refuse a transaction), without a timeout.</summary>
    public static async Task ExecAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecAsync(connection, sql);
    }

    public static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>What a kept database was seeded with (its comment, set by the seed), or null before seeding.</summary>
    public static async Task<string?> SeedDescriptionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()", connection);
        return await command.ExecuteScalarAsync() as string;
    }

    public static string Load() => File.ReadAllText("/proc/loadavg").Trim();

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
