using System.Diagnostics;
using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Tiers;
using Club.Domain.Points;
using Club.Domain.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Club.Bench;

/// <summary>
/// The scheduled jobs' commands over large seeded databases, each against plain SQL making the same
/// writes on an identical copy: BirthdayRewards over a million members on a normal day and on a day
/// when everybody was born (stress); PointsExpiry over ten million lots; TierEvaluation over a million members. Peak memory of this process is
/// measured over the job alone (it stays flat: nobody is loaded into the app).
/// </summary>
internal static class SchedulerBenchmark
{
    /// <summary>Midday in Moscow: "today" for the jobs.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    private const string RunDatabase = "bench_run";

    public static async Task<int> RunBirthdayAsync(string[] args)
    {
        var count = BenchSupport.Option(args, "--members", 1_000_000);
        var days = (BenchSupport.Option(args, "--days") ?? "normal,stress").Split(',');
        Console.WriteLine($"Birthday benchmark: {count:N0} members (5% active sellers), each with one earlier credit; {Environment.ProcessorCount} cores; load {BenchSupport.Load()}");
        await using var databases = await BenchDatabases.StartAsync(args);
        Console.WriteLine(await HeaderAsync(databases, args));
        var failed = false;
        foreach (var day in days)
        {
            Func<long, DateOnly> birthday = day == "stress"
                ? n => new DateOnly(1966 + (int)(n % 40), Now.Month, Now.Day)
                : n => new DateOnly(2001, 1, 1).AddDays((int)(n * 7919 % 365)).AddYears(-(int)(n % 40));
            var template = await databases.TemplateAsync($"bench_birthday_{day}_{count}", async connectionString =>
            {
                await BulkSeed.MembersAsync(connectionString, count, birthday);
                await BulkSeed.CreditsAsync(connectionString, count, count, n => (Now.AddDays(-30), Now.AddDays(335)));
            });

            failed |= !await CompareAsync(databases, args, template, $"{day} day", "members paid (entries, lots, balances, greeting mails)",
                new PayBirthdayRewardsCommand(), "plain INSERT ... SELECT of the same rows, one statement", PlainBirthdaySql(""),
                async (app, connectionString) =>
                {
                    var (again, paidAgain) = await TimeAsync(app, new PayBirthdayRewardsCommand());
                    Console.WriteLine($"  re-run: {paidAgain:N0} paid in {again:F2} s");
                    return paidAgain == 0 && await LedgerConsistentAsync(connectionString);
                });
            Console.WriteLine($"{day} day: floor (one run), the plain statement in two halves at once without the two foreign keys: " +
                $"{await TimeBirthdayFloorAsync(databases, template)}; load {BenchSupport.Load()}");
        }

        return failed ? 1 : 0;
    }

    public static async Task<int> RunExpiryAsync(string[] args)
    {
        var lots = BenchSupport.Option(args, "--lots", 10_000_000);
        var duePercent = BenchSupport.Option(args, "--due-percent", 40);
        var members = Math.Max(1, lots / 10);
        var due = (long)lots * duePercent / 100;
        Console.WriteLine($"Expiry benchmark: {lots:N0} lots of {members:N0} members, {duePercent}% past their date; {Environment.ProcessorCount} cores; load {BenchSupport.Load()}");
        await using var databases = await BenchDatabases.StartAsync(args);
        Console.WriteLine(await HeaderAsync(databases, args));
        var template = await databases.TemplateAsync($"bench_expiry_{lots}_{duePercent}", async connectionString =>
        {
            await BulkSeed.MembersAsync(connectionString, members,
                n => new DateOnly(2001, 1, 1).AddDays((int)(n * 7919 % 365)).AddYears(-(int)(n % 40)));
            // Lots earned in order over the 13 months before now; the first due% have reached their 12 months.
            await BulkSeed.CreditsAsync(connectionString, members, lots, n =>
            {
                var earned = n < due
                    ? Now.AddMonths(-13) + (TimeSpan.FromDays(30) * ((double)n / Math.Max(1, due)))
                    : Now.AddMonths(-12).AddHours(1) + (TimeSpan.FromDays(360) * ((double)(n - due) / (lots - due)));
                return (earned, earned.AddMonths(12));
            });
            // Compared with plain SQL doing the same writes: no reminder mails in the timing.
            await BenchSupport.ExecAsync(connectionString, "UPDATE points_policy SET expiry_reminder_days = 0");
        });

        var consistent = await CompareAsync(databases, args, template, "expiry", "members affected", new ExpirePointsCommand(),
            "plain SQL, one statement, same writes", $"""
            WITH due AS (
                SELECT entry_id, member_id, remaining FROM points_lots
                WHERE expires_at <= '{Now:O}' AND remaining > 0),
            lot AS (UPDATE points_lots l SET remaining = 0 FROM due WHERE l.entry_id = due.entry_id RETURNING due.*),
            entry AS (
                INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                SELECT member_id, -remaining, '{nameof(PointsReason.Expired)}', 'lot', entry_id::text, 'expiry:lot:' || entry_id, '{Now:O}' FROM lot
                RETURNING member_id, amount)
            UPDATE points_balances b SET balance = b.balance + t.total
            FROM (SELECT member_id, sum(amount) AS total FROM entry GROUP BY member_id) t WHERE b.member_id = t.member_id
            """,
            (_, connectionString) => LedgerConsistentAsync(connectionString));
        return consistent ? 0 : 1;
    }

    /// <summary>
    /// TierEvaluation over <c>--members</c> members (default 1,000,000) with <c>--credits</c> earned credits
    /// each on average (default 4, 10–16 points apiece) spread over the 13 months before now, so some have left
    /// the rolling window. The ladder is set so members spread over every level; the job's first run (every
    /// member's tier new: history, tiers, downgrade mails) is compared with one plain statement making the
    /// same writes, then re-run on its copy, which must change nothing, and its levels are checked against
    /// a plain count.
    /// </summary>
    public static async Task<int> RunTiersAsync(string[] args)
    {
        var count = BenchSupport.Option(args, "--members", 1_000_000);
        var credits = (long)count * BenchSupport.Option(args, "--credits", 4);
        Console.WriteLine($"Tier benchmark: {count:N0} members, {credits:N0} earned credits over 13 months; {Environment.ProcessorCount} cores; load {BenchSupport.Load()}");
        await using var databases = await BenchDatabases.StartAsync(args);
        Console.WriteLine(await HeaderAsync(databases, args));
        var template = await databases.TemplateAsync($"bench_tiers_{count}_{credits}", async connectionString =>
        {
            await BulkSeed.MembersAsync(connectionString, count,
                n => new DateOnly(2001, 1, 1).AddDays((int)(n * 7919 % 365)).AddYears(-(int)(n % 40)));
            // Credit n earned at a time spread by a hash of n over the 13 months before now.
            await BulkSeed.CreditsAsync(connectionString, count, credits, n =>
            {
                var earned = Now.AddMonths(-13) + TimeSpan.FromDays(395) * (n * 7919 % 100_000 / 100_000.0);
                return (earned, earned.AddMonths(24));
            });
            await BenchSupport.ExecAsync(connectionString, $"""
                UPDATE tier_settings SET measure = '{nameof(TierMeasure.PointsEarned)}';
                DELETE FROM tiers;
                INSERT INTO tiers (level, name, name_en, threshold, multiplier) VALUES
                    (1, 'Аквамарин', 'Aquamarine', {Thresholds[0]}, 1), (2, 'Сапфир', 'Sapphire', {Thresholds[1]}, 1.1), (3, 'Бриллиант', 'Diamond', {Thresholds[2]}, 1.25)
                """);
        });

        var passed = await CompareAsync(databases, args, template, "tiers", "members whose tier changed (history rows)", new EvaluateTiersCommand(),
            "plain SQL, one statement, same writes (history, tiers, warnings)", PlainTiersSql(),
            async (app, connectionString) =>
            {
                var (again, changedAgain) = await TimeAsync(app, new EvaluateTiersCommand());
                Console.WriteLine($"  re-run: {changedAgain:N0} changed in {again:F2} s");
                var wrong = await BenchSupport.ScalarAsync(connectionString, $"""
                    SELECT count(*) FROM (SELECT member_id, level FROM member_tiers WHERE level > 0) m
                    FULL JOIN ({PlainLevelsSql()}) p ON p.member_id = m.member_id
                    WHERE m.level IS DISTINCT FROM p.level
                    """);
                var mails = await BenchSupport.ScalarAsync(connectionString, $"SELECT count(*) FROM mail_outbox WHERE template = '{EvaluateTiersHandler.MailTemplate}'");
                Console.WriteLine($"  members whose level differs from a plain count: {wrong}; downgrade warnings queued: {mails:N0}");
                return changedAgain == 0 && wrong == 0;
            });
        return passed ? 0 : 1;
    }

    /// <summary>Thresholds over the seeded figures (0–~80 points): every level has members.</summary>
    private static readonly int[] Thresholds = [20, 40, 55];

    private static readonly string WindowStart = $"{TierRules.WindowStart(Now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")):O}";

    private static string EarnedSql => string.Join(", ", TierRules.EarningReasons.Select(r => $"'{r}'"));

    /// <summary>Each member's level by a plain grouped sum, for checking the job's result.</summary>
    private static string PlainLevelsSql() => $"""
        SELECT member_id, CASE WHEN sum(amount) >= {Thresholds[2]} THEN 3 WHEN sum(amount) >= {Thresholds[1]} THEN 2 ELSE 1 END AS level
        FROM points_entries
        WHERE created_at >= '{WindowStart}' AND created_at <= '{Now:O}' AND reason IN ({EarnedSql})
        GROUP BY member_id HAVING sum(amount) >= {Thresholds[0]}
        """;

    /// <summary>
    /// The job's writes on an empty tier table by the plainest statement: per member and club day, running
    /// sums, level and downgrade day, then the history, the tiers and the warnings from one CTE chain.
    /// </summary>
    private static string PlainTiersSql() => $"""
        WITH d AS (
            SELECT member_id, (created_at AT TIME ZONE 'Europe/Moscow')::date AS day, sum(amount)::int AS amount
            FROM points_entries
            WHERE created_at >= '{WindowStart}' AND created_at <= '{Now:O}' AND reason IN ({EarnedSql})
            GROUP BY 1, 2),
        r AS (
            SELECT member_id, day, sum(amount) OVER (PARTITION BY member_id ORDER BY day) AS upto,
                   sum(amount) OVER (PARTITION BY member_id) AS figure
            FROM d),
        l AS (
            SELECT member_id, day, upto, figure,
                   CASE WHEN figure >= {Thresholds[2]} THEN 3 WHEN figure >= {Thresholds[1]} THEN 2 WHEN figure >= {Thresholds[0]} THEN 1 ELSE 0 END AS level,
                   CASE WHEN figure >= {Thresholds[2]} THEN {Thresholds[2]} WHEN figure >= {Thresholds[1]} THEN {Thresholds[1]} WHEN figure >= {Thresholds[0]} THEN {Thresholds[0]} END AS kept
            FROM r),
        f AS (
            SELECT member_id, figure, level, (min(day) FILTER (WHERE figure - upto < kept) + interval '1 year')::date + 1 AS downgrade_on
            FROM l WHERE level > 0 GROUP BY member_id, figure, level),
        h AS (
            INSERT INTO member_tier_changes (member_id, from_level, to_level, figure, changed_at)
            SELECT member_id, 0, level, figure, '{Now:O}' FROM f),
        t AS (
            INSERT INTO member_tiers (member_id, level, since, downgrade_on, warned_for)
            SELECT member_id, level, '{Now:O}', downgrade_on,
                   CASE WHEN downgrade_on <= DATE '{DateOnly.FromDateTime(Now.AddHours(3).Date).AddDays(EvaluateTiersHandler.WarningDays):yyyy-MM-dd}' THEN downgrade_on END
            FROM f)
        INSERT INTO mail_outbox (idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at)
        SELECT 'tier-downgrade:' || f.member_id || ':' || f.downgrade_on, f.member_id, '{EvaluateTiersHandler.MailTemplate}',
               jsonb_build_object('TierRu', x.name, 'TierEn', x.name_en, 'Date', to_char(f.downgrade_on, 'DD.MM.YYYY'), 'Link', 'https://club.example/cabinet#tier'),
               '{Now:O}', 0, '{Now:O}'
        FROM f JOIN tiers x ON x.level = f.level
        WHERE f.downgrade_on <= DATE '{DateOnly.FromDateTime(Now.AddHours(3).Date).AddDays(EvaluateTiersHandler.WarningDays):yyyy-MM-dd}'
        """;

    /// <summary>
    /// <c>--repeat N</c> times (default 1): the job on a fresh copy of the template, then the plain statement on
    /// another, each run printed, then the medians and their ratio. <paramref name="check"/> runs after each job
    /// run, on its copy; false fails the benchmark.
    /// </summary>
    private static async Task<bool> CompareAsync(
        BenchDatabases databases, string[] args, string template, string label, string counted, ICommand<int> command,
        string plainLabel, string plainSql, Func<IHost, string, Task<bool>> check)
    {
        var (ours, plain, passed) = (new List<Timing>(), new List<Timing>(), true);
        for (var run = 1; run <= BenchSupport.Option(args, "--repeat", 1); run++)
        {
            var (time, affected, memory) = await RunJobAsync(databases, args, template, command, async (app, connectionString) =>
                passed &= await check(app, connectionString));
            ours.Add(time);
            Console.WriteLine($"{label}: ours {time}, {affected:N0} {counted}; peak memory {memory}; load {BenchSupport.Load()}");
            plain.Add(await TimePlainAsync(databases, template, [plainSql]));
            Console.WriteLine($"{label}: {plainLabel}: {plain[^1]}; load {BenchSupport.Load()}");
        }

        var (o, p) = (Median(ours), Median(plain));
        Console.WriteLine($"{label}, median of {ours.Count}: ours {o}, plain {p}; ratio ours / plain {o.Seconds / p.Seconds:F2} (server CPU {o.Cpu / p.Cpu:F2})");
        return passed;
    }

    private static Timing Median(List<Timing> runs) =>
        new(BenchSupport.Median(runs.Select(r => r.Seconds)), BenchSupport.Median(runs.Select(r => r.Cpu)));

    /// <summary>
    /// The same entries, lots, balance upserts and greeting mails as the birthday job of a day, written by
    /// the plainest statement: no roles, no rules, no duplicate check.
    /// </summary>
    private static string PlainBirthdaySql(string alsoWhere) => $"""
        WITH due AS (
            SELECT id, full_name FROM members
            WHERE extract(month FROM birthday) = {Now.Month} AND extract(day FROM birthday) = {Now.Day} {alsoWhere}),
        entry AS (
            INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
            SELECT id, 100, '{nameof(PointsReason.Birthday)}', 'member', id::text, 'birthday:' || id || ':{Now.Year}', '{Now:O}' FROM due
            RETURNING id, member_id, amount, idempotency_key),
        lot AS (
            INSERT INTO points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at)
            SELECT id, member_id, amount, amount, '{Now:O}', '{Now.AddMonths(12):O}' FROM entry),
        balance AS (
            INSERT INTO points_balances (member_id, balance, updated_at)
            SELECT member_id, amount, '{Now:O}' FROM entry
            ON CONFLICT (member_id) DO UPDATE SET balance = points_balances.balance + excluded.balance, updated_at = excluded.updated_at)
        INSERT INTO mail_outbox (idempotency_key, member_id, template, values, created_at, attempts, next_attempt_at)
        SELECT e.idempotency_key, e.member_id, '{PayBirthdayRewardsHandler.MailTemplate}',
               jsonb_build_object('Name', m.full_name, 'Points', e.amount::text), '{Now:O}', 0, '{Now:O}'
        FROM entry e JOIN members m ON m.id = e.member_id
        """;

    private static async Task<string> HeaderAsync(BenchDatabases databases, string[] args) =>
        $"job ranges of {BenchSupport.Option(args, "--batch") ?? $"{new PointsSettings().JobBatchSize}"}, " +
        $"{BenchSupport.Option(args, "--parallel") ?? $"{new PointsSettings().JobParallelism}"} at once; server (the site's embedded settings): {await databases.SettingsAsync()}";

    /// <summary>Wall time and the server's CPU time of one measured step.</summary>
    private sealed record Timing(double Seconds, double Cpu)
    {
        public override string ToString() => $"{Seconds:F2} s (server CPU {Cpu:F1} s)";
    }

    /// <summary>Runs a job's command on a fresh copy of the template; <paramref name="after"/> looks at the copy before it is dropped.</summary>
    private static async Task<(Timing Time, int Affected, string Memory)> RunJobAsync(
        BenchDatabases databases, string[] args, string template, ICommand<int> command, Func<IHost, string, Task> after)
    {
        var connectionString = await databases.CopyAsync(template, RunDatabase);
        try
        {
            using var app = await StartAsync(connectionString, databases.AppData, args);
            await WarmUpAsync(app);
            var before = BenchSupport.MemoryMiB();
            BenchSupport.ResetPeakMemory();
            var cpu = BenchSupport.ServerCpuSeconds(databases.Server);
            var (seconds, affected) = await TimeAsync(app, command);
            var time = new Timing(seconds, BenchSupport.ServerCpuSeconds(databases.Server) - cpu);
            var memory = $"{before:F0} MiB before, {BenchSupport.PeakMemoryMiB():F0} MiB peak during the job";
            await after(app, connectionString);
            return (time, affected, memory);
        }
        finally
        {
            await databases.DropAsync(RunDatabase);
        }
    }

    /// <summary>
    /// Plain SQL on a fresh copy of the template: <paramref name="untimedSetup"/> first, then the
    /// statements of <paramref name="atOnce"/>, each on its own connection at the same time, timed.
    /// </summary>
    private static async Task<Timing> TimePlainAsync(BenchDatabases databases, string template, IReadOnlyList<string> atOnce, string? untimedSetup = null)
    {
        var connectionString = await databases.CopyAsync(template, RunDatabase);
        try
        {
            if (untimedSetup is not null)
            {
                await BenchSupport.ExecAsync(connectionString, untimedSetup);
            }

            var cpu = BenchSupport.ServerCpuSeconds(databases.Server);
            var timer = Stopwatch.StartNew();
            await Task.WhenAll(atOnce.Select(sql => BenchSupport.ExecAsync(connectionString, sql)));
            return new Timing(timer.Elapsed.TotalSeconds, BenchSupport.ServerCpuSeconds(databases.Server) - cpu);
        }
        finally
        {
            await databases.DropAsync(RunDatabase);
        }
    }

    /// <summary>
    /// What this machine can do at best for a day's writes, as a reference for the absolute target: the plain
    /// statement on both cores (two halves of the members at once) with the two foreign-key checks per member
    /// (entry -> the member's balance row, lot -> entry) dropped beforehand, untimed. The job keeps both keys.
    /// </summary>
    private static Task<Timing> TimeBirthdayFloorAsync(BenchDatabases databases, string template) =>
        TimePlainAsync(databases, template,
            [.. Enumerable.Range(0, 2).Select(half => PlainBirthdaySql($"AND (hashtext(id::text) & 1) = {half}"))],
            untimedSetup: """
                ALTER TABLE points_lots DROP CONSTRAINT fk_points_lots_points_entries_entry_id;
                ALTER TABLE points_entries DROP CONSTRAINT fk_points_entries_points_balances_member_id;
                CHECKPOINT
                """);

    /// <summary>Ledger = balances = open lots, for every member.</summary>
    private static async Task<bool> LedgerConsistentAsync(string connectionString)
    {
        var mismatched = await BenchSupport.ScalarAsync(connectionString, """
            SELECT count(*) FROM points_balances b
            FULL JOIN (SELECT member_id, sum(amount) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = b.member_id
            FULL JOIN (SELECT member_id, sum(remaining) AS open FROM points_lots GROUP BY member_id) l ON l.member_id = coalesce(b.member_id, e.member_id)
            WHERE coalesce(b.balance, 0) <> coalesce(e.total, 0) OR coalesce(b.balance, 0) <> coalesce(l.open, 0)
            """);
        Console.WriteLine($"  members whose balance differs from their entries or open lots: {mismatched}");
        return mismatched == 0;
    }

    private sealed class BenchClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Task<IHost> StartAsync(string connectionString, string appData, string[] args) =>
        BenchSupport.StartAppAsync(connectionString, appData, builder =>
        {
            builder.Configuration["Club:Points:JobBatchSize"] = BenchSupport.Option(args, "--batch") ?? $"{new PointsSettings().JobBatchSize}";
            builder.Configuration["Club:Points:JobParallelism"] = BenchSupport.Option(args, "--parallel") ?? $"{new PointsSettings().JobParallelism}";
            // The normal day should pay the ~1/365 born today, not yesterday's too.
            builder.Configuration["Club:Points:BirthdayCatchUpDays"] = "0";
            builder.Services.AddSingleton<TimeProvider>(new BenchClock());
        });

    /// <summary>EF's model and the first connection are built before the clock starts, as in a site that has been up for a while.</summary>
    private static async Task WarmUpAsync(IHost app)
    {
        await using var db = await app.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"").ToListAsync();
    }

    private static async Task<(double Seconds, int Affected)> TimeAsync(IHost app, ICommand<int> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var timer = Stopwatch.StartNew();
        var affected = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
        return (timer.Elapsed.TotalSeconds, affected);
    }
}
