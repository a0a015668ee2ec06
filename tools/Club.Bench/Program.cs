using Club.Bench;

// End-to-end benchmarks. Every figure is reported with a raw baseline measured in the same run,
// because these machines are shared and noisy: read the ratios, not the seconds.
// Run in Release: dotnet run -c Release --project tools/Club.Bench -- <benchmark> [options]
return args.FirstOrDefault() switch
{
    "tags" => await TagBatchBenchmark.RunAsync(args[1..]),
    "tags-memory" => await TagBatchBenchmark.RunMemoryProbeAsync(args[1..]),
    "codes" => TagCodesBenchmark.Run(args[1..]),
    "labels" => await LabelPdfBenchmark.RunAsync(args[1..]),
    "labels-memory" => LabelPdfBenchmark.RunMemoryProbe(args[1..]),
    "decode" => await QrDecodeBenchmark.RunAsync(args[1..]),
    "register" => await RegistrationBenchmark.RunAsync(args[1..]),
    "http" => await HttpBenchmark.RunAsync(args[1..]),
    "all" => await AllBenchmarks.RunAsync(args[1..]),
    "report" => await ReportBenchmark.RunAsync(args[1..]),
    "search" => await SearchBenchmark.RunAsync(args[1..]),
    "birthday" => await SchedulerBenchmark.RunBirthdayAsync(args[1..]),
    "expiry" => await SchedulerBenchmark.RunExpiryAsync(args[1..]),
    "tiers" => await SchedulerBenchmark.RunTiersAsync(args[1..]),
    "alerts" => await ScanAlertBenchmark.RunAsync(args[1..]),
    "scan-scale" => await ScanScaleBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("""
        club-bench all [--quick]                           every benchmark below, one at a time, then one table of ratios;
                                                         --quick: each at a reduced size (minutes, not an hour)
        club-bench tags [--count 1000000] [--repeat 3]   batch generation vs psql binary \copy of the same rows
        club-bench codes [--count 1000000]                serials, scratch codes, HMACs alone; FF1 vs BouncyCastle
        club-bench labels [--count 10000]                PDF labels: time, size; memory at 10k and 100k
        club-bench decode [--repeat 5]                   ZXing.Net on the server: a 24-label A4 proof sheet and a 12 MP
                                                         photo through the seller fallback, each vs a plain SkiaSharp decode
        club-bench register [--buyers 32] [--per-buyer 100] [--repeat 3]
                                                         registrations/s through the use case vs raw SQL, then a double-credit check
        club-bench http [--burst 100] [--buyers 32] [--per-buyer 50]
                                                         the Release site over HTTP: a burst of sign-ins (sign-ins/s, the scan page's
                                                         p99 before and during it), then registrations by form post beside the use
                                                         case alone and raw SQL in the same run; double-credit check
        club-bench report [--entries 10000000] [--items 1000000] [--repeat 5] [--keep DIR]
                                                         a partner's quarterly report over a seeded database vs a bare indexed count;
                                                         --keep seeds DIR once and reuses it
        club-bench search [--members 1000000] [--repeat 20] [--keep DIR]
                                                         the member desk's search (query set in docs/benchmarks.md) vs a plain
                                                         lookup of one user by e-mail on its index, in the same run
        club-bench birthday [--members 1000000] [--days normal,stress] [--repeat 1] [--batch 50000] [--parallel 2] [--data DIR]
                                                         BirthdayRewards job (a normal day: ~1/365 born today; a stress day: all)
                                                         vs a plain INSERT ... SELECT of the same rows, each on a copy of one seeded database
        club-bench expiry [--lots 10000000] [--due-percent 40] [--repeat 1] [--batch 50000] [--parallel 2] [--data DIR]
                                                         PointsExpiry job vs one plain SQL statement making the same writes
                                                         (--data DIR keeps the server and its seeded databases for the next run)
        club-bench tiers [--members 1000000] [--credits 4] [--repeat 1] [--data DIR]
                                                         TierEvaluation job (every member's tier over the rolling 12 months, set-based)
                                                         vs one plain statement making the same writes; re-run and level check
        club-bench alerts [--scans 100000000] [--tags 10000000] [--repeat 5] [--retention] [--data DIR]
                                                         the scan anomaly job over one 15-minute window of a large scan log vs the
                                                         window's plain read; --retention then times dropping the oldest month
        club-bench scan-scale [--tags 50000000] [--scans 200000000] [--rounds 6] [--requests 5000] [--data DIR]
                                                         the scan page's use case, one request at a time, over a large database vs
                                                         10,000 tags in the same run (a hot set and a uniform tail)
        """);
    return 2;
}
