using System.Diagnostics;
using System.Globalization;
using Club.Application.Features.Verification;
using Club.Domain.Verification;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Club.Bench;

/// <summary>
/// The scan anomaly job (<see cref="EvaluateScanAlertsCommand"/>) over a large scan log: 100,000,000 scans of
/// 10,000,000 tags over twelve months and the current one (about 3,900 scans per 15-minute window), seeded by
/// <see cref="BulkSeed.ScansAsync"/>. The evaluated window holds, besides its share of ordinary scans, a cloned
/// label (one registered tag scanned by 25 visitors), a burst of 40 scans of a well-formed unknown serial and
/// three scans of a voided tag: exactly three alerts, and none when the job runs again. Baseline in the same
/// run: the window's unavoidable read as one plain statement (distinct visitors per tag in the window).
/// <c>--retention</c> then times the retention job dropping the oldest month (which spends the seed).
/// </summary>
internal static class ScanAlertBenchmark
{
    /// <summary>The end of the seeded log and of the evaluated window.</summary>
    private static readonly DateTimeOffset End = BulkSeed.ScanLogEnd;

    private const int Months = 12;
    private const int ExpectedAlerts = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var scans = BenchSupport.Option(args, "--scans", 100_000_000);
        var tags = BenchSupport.Option(args, "--tags", 10_000_000);
        var repeat = BenchSupport.Option(args, "--repeat", 5);
        var start = End - ScanAlertSettings.Window;
        Console.WriteLine($"Scan alert benchmark: {scans:N0} scans of {tags:N0} tags over {Months} months and the current one; {Environment.ProcessorCount} cores; load {BenchSupport.Load()}");
        await using var databases = await BenchDatabases.StartAsync(args);
        Console.WriteLine(await databases.SettingsAsync());
        var name = $"bench_alerts_{scans}_{tags}";
        await databases.TemplateAsync(name, async connectionString =>
        {
            var firstTag = await BulkSeed.TagsAsync(connectionString, tags);
            await BulkSeed.ScansAsync(connectionString, scans, firstTag, tags, End, Months);
            await PlantAsync(connectionString, firstTag, tags, start);
        });
        var connectionString = databases.Server.ConnectionStringFor(name);
        Console.WriteLine($"scan log: {await BenchSupport.ScalarAsync(connectionString, "SELECT pg_total_relation_size('tag_scans_p202611') / 1048576"):N0} MiB in the window's month partition; " +
            $"{await BenchSupport.ScalarAsync(connectionString, $"SELECT count(*) FROM tag_scans WHERE scanned_at >= '{start:O}' AND scanned_at < '{End:O}'"):N0} scans in the window");

        using var app = await BenchSupport.StartAppAsync(connectionString, databases.AppData,
            builder => builder.Configuration["Club:ScanLog:RetentionMonths"] = (Months - 1).ToString(CultureInfo.InvariantCulture));
        var (ours, plain, passed) = (new List<double>(), new List<double>(), true);
        for (var run = 0; run <= repeat; run++)
        {
            await BenchSupport.ExecAsync(connectionString, "DELETE FROM scan_alerts");
            var (ms, found) = await TimeAsync(app, new EvaluateScanAlertsCommand { At = End });
            var plainMs = await TimePlainAsync(connectionString, start);
            Console.WriteLine($"run {run}: job {ms:N0} ms, {found} alerts; plain read of the window {plainMs:N0} ms; load {BenchSupport.Load()}");
            passed &= found == ExpectedAlerts;
            if (run > 0)
            {
                // Run 0 warms the JIT, the mediator and the window's pages.
                ours.Add(ms);
                plain.Add(plainMs);
            }
        }

        var (again, foundAgain) = await TimeAsync(app, new EvaluateScanAlertsCommand { At = End });
        Console.WriteLine($"re-run on the same window: {foundAgain} new alerts in {again:N0} ms");
        passed &= foundAgain == 0;
        var (o, p) = (BenchSupport.Median(ours), BenchSupport.Median(plain));
        Console.WriteLine($"median of {ours.Count}: job {o:N0} ms, plain {p:N0} ms; ratio job / plain {o / p:F2}; target under 30 s: {(o < 30_000 ? "met" : "missed")}; load {BenchSupport.Load()}");

        if (args.Contains("--retention"))
        {
            var (dropMs, dropped) = await TimeAsync(app, new DropOldScanLogPartitionsCommand { At = End });
            Console.WriteLine($"retention: {dropped} month dropped in {dropMs:N0} ms (target under 1 s); the seed is spent; load {BenchSupport.Load()}");
            await databases.DropAsync(name);
            passed &= dropped == 1;
        }

        return passed && o < 30_000 ? 0 : 1;
    }

    /// <summary>The window's anomalies: a cloned label, a burst of one well-formed unknown serial, a voided tag's scans.</summary>
    private static Task PlantAsync(string connectionString, long firstTag, long tags, DateTimeOffset start) =>
        BenchSupport.ExecAsync(connectionString, $"""
            INSERT INTO tag_scans (tag_id, scanned_at, client_hash, verdict)
            SELECT {firstTag + tags / 3}, '{start:O}'::timestamptz + g * interval '20 seconds', int8send(-1 - g) || int8send(g), 'SomeoneElses'
            FROM generate_series(1, 25) g;
            INSERT INTO tag_scans (tag_id, scanned_at, client_hash, verdict, unknown_serial)
            SELECT NULL, '{start:O}'::timestamptz + g * interval '15 seconds', int8send(-100 - g) || int8send(g), 'NotGenuine', 'B7ZWSPZ5P1NE8'
            FROM generate_series(1, 40) g;
            INSERT INTO unknown_serials (serial, well_formed, scans, visitors, first_seen_at, last_seen_at)
            VALUES ('B7ZWSPZ5P1NE8', true, 40, 40, '{start:O}', '{start.AddMinutes(10):O}');
            INSERT INTO tag_scans (tag_id, scanned_at, client_hash, verdict)
            SELECT {firstTag + tags / 2}, '{start:O}'::timestamptz + g * interval '1 minute', int8send(-200 - g) || int8send(g), 'Voided'
            FROM generate_series(1, 3) g;
            ANALYZE tag_scans
            """);

    private static async Task<(double Ms, int Result)> TimeAsync(IHost app, ICommand<int> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var timer = Stopwatch.StartNew();
        var result = await mediator.Send(command);
        return (timer.Elapsed.TotalMilliseconds, result);
    }

    /// <summary>What any evaluation of the window must read: its scans, grouped by tag with their distinct visitors.</summary>
    private static async Task<double> TimePlainAsync(string connectionString, DateTimeOffset start)
    {
        var timer = Stopwatch.StartNew();
        await BenchSupport.ScalarAsync(connectionString, $"""
            SELECT count(*) FROM (
                SELECT tag_id, count(DISTINCT client_hash) FROM tag_scans
                WHERE scanned_at >= '{start:O}' AND scanned_at < '{End:O}' GROUP BY tag_id) w
            """);
        return timer.Elapsed.TotalMilliseconds;
    }
}
