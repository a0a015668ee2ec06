using System.Diagnostics;
using Club.Application.Abstractions;
using Club.Application.Features.Verification;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Club.Bench;

/// <summary>
/// The scan page's read at scale: the page's use case (<see cref="ScanTagCommand"/>, through the mediator as
/// the page sends it, scan logged) over a large database (default 50,000,000 tags and 200,000,000 scans)
/// against the same over a small one (10,000 tags, 40,000 scans), both seeded by the same generator
/// (<see cref="BulkSeed"/>) on one server, measured in alternating rounds in the same run. Access pattern, the
/// generator's: a fifth of the requests go to a hot set of 1 % of the tags, the rest uniformly to all of them.
/// One request at a time, so the figure is latency, not throughput (the wrk benchmark measures that).
/// <c>--prewarm</c> first loads the large database's tables and indexes other than the scan log, as a server
/// that has been running holds them: into the buffer pool when <c>--shared-buffers</c> gives it room, else
/// into the page cache.
/// </summary>
internal static class ScanScaleBenchmark
{
    private const int SmallTags = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var tags = BenchSupport.Option(args, "--tags", 50_000_000);
        var scans = BenchSupport.Option(args, "--scans", 200_000_000);
        var rounds = BenchSupport.Option(args, "--rounds", 6);
        var perRound = BenchSupport.Option(args, "--requests", 5_000);
        // Off: the views are not logged, which separates the read's cost at scale from the log's writes beside it.
        var logged = !args.Contains("--no-scan-log");
        // Where in the generator's sequence the requests start: a new place each run unless given, so a run does
        // not read the very rows an earlier run on the same kept data wrote (their pages would be pruned on read).
        var start = BenchSupport.Option(args, "--start", Random.Shared.Next(1, int.MaxValue));
        Console.WriteLine($"Scan page at scale: {tags:N0} tags and {scans:N0} scans against {SmallTags:N0} tags and {SmallTags * 4:N0} scans; " +
            $"{rounds} rounds of {perRound:N0} requests each from request {start:N0} of the sequence{(logged ? "" : ", views not logged")}; {Environment.ProcessorCount} cores; load {BenchSupport.Load()}");
        await using var databases = await BenchDatabases.StartAsync(args);
        Console.WriteLine(await databases.SettingsAsync());
        var small = await SeedAsync(databases, SmallTags, SmallTags * 4);
        var big = await SeedAsync(databases, tags, scans);

        using var smallApp = await BenchSupport.StartAppAsync(databases.Server.ConnectionStringFor(small.Name), databases.AppData);
        using var bigApp = await BenchSupport.StartAppAsync(databases.Server.ConnectionStringFor(big.Name), databases.AppData);
        // The site's scan log writer runs beside the page, as on a live site: the views are written while measured.
        var writers = new[] { smallApp, bigApp }.Select(app => (IHostedService)app.Services.GetRequiredService<IScanLog>()).ToList();
        foreach (var writer in writers)
        {
            await writer.StartAsync(CancellationToken.None);
        }

        if (args.Contains("--prewarm"))
        {
            // A server that has run a while keeps the tags' tables and indexes in memory; a fresh seed leaves the
            // page cache full of the scan log instead. The log itself is left out: the page never reads it.
            var bigDatabase = databases.Server.ConnectionStringFor(big.Name);
            await BenchSupport.ExecAsync(bigDatabase, "CREATE EXTENSION IF NOT EXISTS pg_prewarm");
            const string NotTheScanLog = """
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') AND c.relname NOT LIKE '%tag\_scans%'
                """;
            var fitsThePool = await BenchSupport.ScalarAsync(bigDatabase,
                $"SELECT (sum(pg_relation_size(c.oid)) < pg_size_bytes(current_setting('shared_buffers')) * 0.9)::int {NotTheScanLog}") == 1;
            var mode = fitsThePool ? "buffer" : "read";
            var mib = await BenchSupport.ScalarAsync(bigDatabase,
                $"SELECT coalesce(sum(pg_prewarm(c.oid, '{mode}')), 0) * current_setting('block_size')::bigint / 1048576 {NotTheScanLog}");
            Console.WriteLine($"prewarmed into the {(fitsThePool ? "buffer pool" : "page cache")}: {mib:N0} MiB of tables and indexes other than the scan log; load {BenchSupport.Load()}");
        }

        var (smallTimes, bigTimes) = (new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            // Round 0 warms the JIT and both pools; then the two alternate, so a change of load hits both.
            var walBefore = await WalAsync(databases);
            var s = await TimeRequestsAsync(smallApp, small.FirstTag, SmallTags, start + ((long)round * perRound), perRound, logged);
            var walBetween = await WalAsync(databases);
            var b = await TimeRequestsAsync(bigApp, big.FirstTag, tags, start + ((long)round * perRound), perRound, logged);
            var walAfter = await WalAsync(databases);
            Console.WriteLine($"round {round}: small p50 {Percentile(s, 50):F3} ms, p99 {Percentile(s, 99):F3} ms, WAL {walBetween - walBefore}; " +
                $"large p50 {Percentile(b, 50):F3} ms, p99 {Percentile(b, 99):F3} ms, WAL {walAfter - walBetween}; load {BenchSupport.Load()}");
            if (round > 0)
            {
                smallTimes.AddRange(s);
                bigTimes.AddRange(b);
            }
        }

        foreach (var writer in writers)
        {
            await writer.StopAsync(CancellationToken.None);
        }

        var ratio = Percentile(bigTimes, 50) / Percentile(smallTimes, 50);
        Console.WriteLine($"{SmallTags:N0} tags: p50 {Percentile(smallTimes, 50):F3} ms, p90 {Percentile(smallTimes, 90):F3} ms, p99 {Percentile(smallTimes, 99):F3} ms, mean {smallTimes.Average():F3} ms");
        Console.WriteLine($"{tags:N0} tags: p50 {Percentile(bigTimes, 50):F3} ms, p90 {Percentile(bigTimes, 90):F3} ms, p99 {Percentile(bigTimes, 99):F3} ms, mean {bigTimes.Average():F3} ms");
        Console.WriteLine($"ratio large / small: p50 {ratio:F2}, p99 {Percentile(bigTimes, 99) / Percentile(smallTimes, 99):F2}, mean {bigTimes.Average() / smallTimes.Average():F2}; " +
            $"target p50 within 10 %: {(ratio <= 1.10 ? "met" : "missed")}; load {BenchSupport.Load()}");
        return ratio <= 1.10 ? 0 : 1;
    }

    private static async Task<(string Name, long FirstTag)> SeedAsync(BenchDatabases databases, long tags, long scans)
    {
        var name = $"bench_scan_{tags}_{scans}";
        await databases.TemplateAsync(name, async connectionString =>
        {
            var first = await BulkSeed.TagsAsync(connectionString, tags);
            await BulkSeed.ScansAsync(connectionString, scans, first, tags, BulkSeed.ScanLogEnd, 12);
        });
        // The demo data's tags come first: the seeded ones follow them.
        return (name, await BenchSupport.ScalarAsync(databases.Server.ConnectionStringFor(name), "SELECT first_tag_id FROM tag_batches WHERE created_by = 'bench'"));
    }

    /// <summary>One request after the other, each timed alone; request n asks for the tag the generator's pattern gives it.</summary>
    private static async Task<List<double>> TimeRequestsAsync(IHost app, long firstTag, long tags, long first, int count, bool logged)
    {
        var codes = app.Services.GetRequiredService<ITagCodes>();
        var hot = Math.Max(1, tags / 100);
        var visitor = new ScanVisitor("203.0.113.7", "club-bench");
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var n = first + i;
            var mixed = (ulong)n * 11400714819323198485UL;
            var tag = firstTag + (long)(n % 5 == 0 ? mixed % (ulong)hot : mixed % (ulong)tags);
            var serial = codes.SerialOf(tag);
            var timer = Stopwatch.StartNew();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var verdict = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ScanTagCommand(serial, null, visitor, logged));
                if (verdict.Product is null)
                {
                    throw new InvalidOperationException($"Tag {tag} read as {verdict.Verdict}: the seed is not what the benchmark expects.");
                }
            }

            times.Add(timer.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>
    /// The server's WAL so far (the log's writes of both databases, whose rounds alternate) and its checkpoints.
    /// Server processes report their WAL at most once a second, so with short rounds some of a round's WAL shows in the next.
    /// </summary>
    private static async Task<Wal> WalAsync(BenchDatabases databases)
    {
        await using var connection = new NpgsqlConnection(databases.Server.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT w.wal_bytes::bigint, w.wal_fpi, b.checkpoints_timed + b.checkpoints_req FROM pg_stat_wal w, pg_stat_bgwriter b", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Wal(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private sealed record Wal(long Bytes, long FullPages, long Checkpoints)
    {
        public static Wal operator -(Wal after, Wal before) =>
            new(after.Bytes - before.Bytes, after.FullPages - before.FullPages, after.Checkpoints - before.Checkpoints);

        public override string ToString() => $"{Bytes / 1048576.0:F0} MiB ({FullPages:N0} full pages, {Checkpoints} checkpoints)";
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
    }
}
