using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Club.Bench;

/// <summary>
/// club-bench all [--quick]: every benchmark one after another, each in a child process (so one's memory
/// and pools never weigh on the next), then one table of the lines that compare us with a baseline
/// (ratios, floors, p99s). --quick runs each at a reduced size: minutes instead of an hour, for a
/// before-and-after check of a change; the figures in docs/benchmarks.md are full size.
/// </summary>
internal static partial class AllBenchmarks
{
    private sealed record Bench(string Name, string[] Quick, string[] Full);

    private static readonly Bench[] Benches =
    [
        new("codes", ["codes", "--count", "100000"], ["codes"]),
        new("tags", ["tags", "--count", "100000", "--repeat", "1"], ["tags"]),
        new("labels", ["labels", "--count", "1000"], ["labels"]),
        new("decode", ["decode", "--repeat", "1"], ["decode"]),
        new("register", ["register", "--per-buyer", "20", "--repeat", "1"], ["register"]),
        new("http", ["http", "--burst", "50", "--per-buyer", "10"], ["http"]),
        new("report", ["report", "--entries", "200000", "--items", "20000", "--repeat", "3"], ["report"]),
        new("search", ["search", "--members", "50000", "--repeat", "5"], ["search"]),
        new("birthday", ["birthday", "--members", "50000", "--days", "normal,stress"], ["birthday", "--repeat", "3"]),
        new("expiry", ["expiry", "--lots", "500000"], ["expiry"]),
        new("tiers", ["tiers", "--members", "50000"], ["tiers"]),
        new("alerts", ["alerts", "--scans", "1000000", "--tags", "100000", "--repeat", "3"], ["alerts"]),
        new("scan-scale", ["scan-scale", "--tags", "500000", "--scans", "2000000", "--rounds", "3", "--requests", "2000"], ["scan-scale"]),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var rows = new List<(string Name, int Exit, TimeSpan Took, List<string> Figures)>();
        Console.WriteLine($"club-bench all{(quick ? " --quick" : "")}: {Benches.Length} benchmarks and the scan page (wrk), one at a time; {Environment.ProcessorCount} cores, load {BenchSupport.Load()}");
        foreach (var bench in Benches)
        {
            rows.Add(await RunChildAsync(bench.Name, Environment.ProcessPath!, ChildArguments(quick ? bench.Quick : bench.Full)));
        }

        // The scan page is measured with wrk against the Release site (a shell script, as documented).
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "scan-wrk.sh"));
        rows.Add(await RunChildAsync("scan (wrk)", script, quick ? ["5", "32"] : []));

        Console.WriteLine();
        Console.WriteLine($"{"benchmark",-12} {"exit",4} {"took",7}  figures against their baselines (load {BenchSupport.Load()})");
        foreach (var (name, exit, took, figures) in rows)
        {
            var first = true;
            foreach (var figure in figures.DefaultIfEmpty("(no ratio printed: see its output above)"))
            {
                Console.WriteLine(first ? $"{name,-12} {exit,4} {took.TotalSeconds,6:F0}s  {figure}" : $"{"",-27}{figure}");
                first = false;
            }
        }

        return rows.All(r => r.Exit == 0) ? 0 : 1;
    }

    /// <summary>When run with `dotnet club-bench.dll`, the child needs the assembly before its own arguments.</summary>
    private static string[] ChildArguments(string[] args) =>
        Environment.ProcessPath!.EndsWith("club-bench", StringComparison.Ordinal) ? args : [typeof(AllBenchmarks).Assembly.Location, .. args];

    private static async Task<(string, int, TimeSpan, List<string>)> RunChildAsync(string name, string program, string[] args)
    {
        Console.WriteLine();
        Console.WriteLine($"== {name}: {Path.GetFileName(program)} {string.Join(' ', args)}");
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var figures = new List<string>();
        var timer = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            Console.WriteLine(line);
            if (Figure().IsMatch(line))
            {
                figures.Add(line.Trim());
            }
        }

        await process.WaitForExitAsync();
        return (name, process.ExitCode, timer.Elapsed, figures);
    }

    /// <summary>The lines that set us against a baseline: ratios, "x the floor", the scan page's wrk lines, double credits.</summary>
    [GeneratedRegex(@"ratio|floor|->|req/s|p99|double credits|worst median", RegexOptions.IgnoreCase)]
    private static partial Regex Figure();
}
