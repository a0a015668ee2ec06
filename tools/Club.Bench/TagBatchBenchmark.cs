using System.Diagnostics;
using System.Globalization;
using Club.Application.Features.Tags;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Club.Bench;

/// <summary>
/// Our whole batch generation (FF1 serials, CSPRNG scratch codes, HMACs, binary COPY in one
/// transaction, the secret CSV) against psql's binary \copy of exactly the same rows into the same
/// empty table, alternating runs on one server.
/// </summary>
internal static class TagBatchBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = BenchSupport.Option(args, "--count", 1_000_000);
        var repeat = BenchSupport.Option(args, "--repeat", 3);
        var root = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}");
        Console.WriteLine($"Tag batch benchmark: {count:N0} tags, {repeat} runs each, {Environment.ProcessorCount} cores");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            using var app = await BenchSupport.StartAppAsync(server.ConnectionString, Path.Combine(root, "app"));
            var mediator = app.Services.GetRequiredService<IMediator>();
            var rowsFile = Path.Combine(root, "rows.bin");
            var ours = new List<double>();
            var baseline = new List<double>();
            long csvBytes = 0;

            for (var run = 0; run < repeat; run++)
            {
                await ExecuteAsync(server.ConnectionString, "TRUNCATE tags CASCADE; CHECKPOINT");
                var timer = Stopwatch.StartNew();
                var result = await mediator.Send(new CreateTagBatchCommand("AQ-SEA-R01", count, null, "bench", "bench", Path.Combine(root, "print"), "https://club.example"));
                ours.Add(timer.Elapsed.TotalSeconds);
                csvBytes = new FileInfo(result.Batch!.PrintFile).Length;
                File.Delete(result.Batch.PrintFile);

                await ExportRowsAsync(server.ConnectionString, rowsFile);
                await ExecuteAsync(server.ConnectionString, "TRUNCATE tags CASCADE; CHECKPOINT");
                baseline.Add(PsqlCopy(server, rowsFile));
            }

            var (o, b) = (BenchSupport.Median(ours), BenchSupport.Median(baseline));
            Console.WriteLine($"ours (generate + store + CSV): median {o:F2} s  ({count / o:N0} tags/s)  runs: {string.Join(", ", ours.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"psql \\copy binary, same rows:  median {b:F2} s  runs: {string.Join(", ", baseline.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"ratio ours / psql: {o / b:F2}   (secret CSV {csvBytes / 1048576.0:F0} MiB, binary rows {new FileInfo(rowsFile).Length / 1048576.0:F0} MiB)");

            foreach (var size in new[] { count / 10, count })
            {
                Console.WriteLine($"peak memory generating {size:N0} tags: {BenchSupport.RunChild("tags-memory", "--count", size.ToString(CultureInfo.InvariantCulture))}");
            }

            return 0;
        }
        finally
        {
            BenchSupport.DeleteFolder(root);
        }
    }

    /// <summary>Child process: one generation on its own server, then its peak resident memory.</summary>
    public static async Task<int> RunMemoryProbeAsync(string[] args)
    {
        var count = BenchSupport.Option(args, "--count", 100_000);
        var root = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            using var app = await BenchSupport.StartAppAsync(server.ConnectionString, Path.Combine(root, "app"));
            var before = BenchSupport.PeakMemoryMiB();
            await app.Services.GetRequiredService<IMediator>().Send(
                new CreateTagBatchCommand("AQ-SEA-R01", count, null, "bench", "bench", Path.Combine(root, "print"), "https://club.example"));
            Console.WriteLine($"{BenchSupport.PeakMemoryMiB():F0} MiB (before generating: {before:F0} MiB)");
            return 0;
        }
        finally
        {
            BenchSupport.DeleteFolder(root);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExportRowsAsync(string connectionString, string file)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var export = await connection.BeginRawBinaryCopyAsync(
            "COPY tags (id, batch_id, scratch_hash, state, failed_attempts) TO STDOUT (FORMAT BINARY)");
        await using var output = File.Create(file);
        await export.CopyToAsync(output);
    }

    private static double PsqlCopy(Club.Infrastructure.Postgres.EmbeddedPostgres server, string rowsFile)
    {
        var start = new ProcessStartInfo("psql")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
                 {
                     "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", Club.Infrastructure.Postgres.EmbeddedPostgres.SuperUser,
                     "-d", server.Database, "-v", "ON_ERROR_STOP=1",
                     "-c", $"\\copy tags (id, batch_id, scratch_hash, state, failed_attempts) FROM '{rowsFile}' (FORMAT binary)",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = server.Password;
        var timer = Stopwatch.StartNew();
        using var psql = Process.Start(start)!;
        var errors = psql.StandardError.ReadToEnd();
        psql.WaitForExit();
        var elapsed = timer.Elapsed.TotalSeconds;
        return psql.ExitCode == 0 ? elapsed : throw new InvalidOperationException("psql failed: " + errors);
    }
}
