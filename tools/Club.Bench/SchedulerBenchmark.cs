using System.Diagnostics;
using Club.Application.Features.Points;
using Club.Domain.Points;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Club.Bench;

/// <summary>
/// The scheduled jobs' commands over large tables seeded with set-based SQL: BirthdayRewards over a
/// million members on a normal day and on a day when everybody was born (stress), with this process's
/// peak memory (flat: nobody is loaded into the app); PointsExpiry over millions of lots against one
/// plain SQL statement making the same writes without the balance locks and caps.
/// </summary>
internal static class SchedulerBenchmark
{
    /// <summary>Midday in Moscow: "today" for the jobs. Lots are dated around it.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunBirthdayAsync(string[] args)
    {
        var count = BenchSupport.Option(args, "--members", 1_000_000);
        var root = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}");
        Console.WriteLine($"Birthday benchmark: {count:N0} members, {Environment.ProcessorCount} cores, load {Load()}");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            using var app = await StartAsync(server.ConnectionString, root);
            var seed = Stopwatch.StartNew();
            await SeedMembersAsync(server.ConnectionString, count);
            Console.WriteLine($"seeded {count:N0} members in {seed.Elapsed.TotalSeconds:F1} s");
            await ExecAsync(server.ConnectionString, "VACUUM ANALYZE members; VACUUM ANALYZE user_roles");

            var memoryBefore = BenchSupport.PeakMemoryMiB();
            var (normal, normalPaid) = await TimeAsync(app, new PayBirthdayRewardsCommand());
            Console.WriteLine($"normal day: {normalPaid:N0} members paid in {normal:F2} s");

            // Stress: everybody was born today (29 February birthdays excepted, kept valid dates).
            await ExecAsync(server.ConnectionString,
                "UPDATE members SET birthday = make_date(extract(year FROM birthday)::int, 11, 25) WHERE birthday IS NOT NULL; VACUUM ANALYZE members");
            var (stress, stressPaid) = await TimeAsync(app, new PayBirthdayRewardsCommand());
            Console.WriteLine($"stress day: {stressPaid:N0} members paid in {stress:F2} s (target < 10 s)");
            var (again, againPaid) = await TimeAsync(app, new PayBirthdayRewardsCommand());
            Console.WriteLine($"re-run of the stress day: {againPaid:N0} paid in {again:F2} s");
            Console.WriteLine($"peak memory of this process: {memoryBefore:F0} MiB before the runs, {BenchSupport.PeakMemoryMiB():F0} MiB after; load {Load()}");
            return againPaid == 0 ? 0 : 1;
        }
        finally
        {
            BenchSupport.DeleteFolder(root);
        }
    }

    public static async Task<int> RunExpiryAsync(string[] args)
    {
        var lots = BenchSupport.Option(args, "--lots", 10_000_000);
        var members = Math.Max(1, lots / 10);
        var root = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}");
        Console.WriteLine($"Expiry benchmark: {lots:N0} lots of {members:N0} members, {Environment.ProcessorCount} cores, load {Load()}");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            // The job runs "a day and a half ago": it sees set A (expired two days ago) as due, not set B.
            var clock = new BenchClock { Now = Now.AddHours(-36) };
            using var app = await StartAsync(server.ConnectionString, root, clock);
            var seed = Stopwatch.StartNew();
            await SeedMembersAsync(server.ConnectionString, members);
            await SeedLotsAsync(server.ConnectionString, lots);
            Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:F1} s; 40% of lots expired 2 days ago (ours), 40% 1 day ago (baseline), 20% live");

            var memoryBefore = BenchSupport.PeakMemoryMiB();
            var (ours, affected) = await TimeAsync(app, new ExpirePointsCommand());
            Console.WriteLine($"ours (ExpirePoints command): {ours:F2} s, {affected:N0} members affected");

            var timer = Stopwatch.StartNew();
            await ExecAsync(server.ConnectionString, $"""
                WITH due AS (
                    SELECT entry_id, member_id, remaining FROM points_lots
                    WHERE expires_at <= '{Now:O}' AND remaining > 0),
                lot AS (UPDATE points_lots l SET remaining = 0 FROM due WHERE l.entry_id = due.entry_id RETURNING due.*),
                entry AS (
                    INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                    SELECT member_id, -remaining, 'Expired', 'lot', entry_id::text, 'expiry:lot:' || entry_id, now() FROM lot
                    RETURNING member_id, amount)
                UPDATE points_balances b SET balance = b.balance + t.total
                FROM (SELECT member_id, sum(amount) AS total FROM entry GROUP BY member_id) t WHERE b.member_id = t.member_id
                """);
            var baseline = timer.Elapsed.TotalSeconds;
            Console.WriteLine($"plain SQL, one statement, same writes: {baseline:F2} s");
            Console.WriteLine($"ratio ours / plain: {ours / baseline:F2}; peak memory {memoryBefore:F0} -> {BenchSupport.PeakMemoryMiB():F0} MiB; load {Load()}");
            var mismatched = await ScalarAsync(server.ConnectionString, """
                SELECT count(*) FROM points_balances b
                JOIN (SELECT member_id, sum(amount) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = b.member_id
                WHERE b.balance <> e.total
                """);
            Console.WriteLine($"balances differing from their entries: {mismatched}");
            return mismatched == 0 ? 0 : 1;
        }
        finally
        {
            BenchSupport.DeleteFolder(root);
        }
    }

    private sealed class BenchClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Task<IHost> StartAsync(string connectionString, string root, TimeProvider? clock = null) =>
        BenchSupport.StartAppAsync(connectionString, Path.Combine(root, "app"), builder =>
        {
            // The normal day should pay the ~1/365 born today, not yesterday's too.
            builder.Configuration["Club:Points:BirthdayCatchUpDays"] = "0";
            // Expiry is compared with plain SQL doing the same writes: no reminder mails in the timing.
            builder.Configuration["Club:Points:ExpiryReminderDays"] = "0";
            builder.Services.AddSingleton(clock ?? new BenchClock { Now = Now });
        });

    private static async Task<(double Seconds, int Affected)> TimeAsync(IHost app, ICommand<int> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var timer = Stopwatch.StartNew();
        var affected = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
        return (timer.Elapsed.TotalSeconds, affected);
    }

    /// <summary>Accounts, profiles (birthdays spread over the year and 40 years) and roles: 95% buyers, 5% active sellers.</summary>
    private static Task SeedMembersAsync(string connectionString, int count) => ExecAsync(connectionString, $"""
        CREATE TEMP TABLE seed AS
            SELECT gen_random_uuid() AS id, g,
                   (date '2001-01-01' + (g::bigint * 7919 % 365)::int) - make_interval(years => g % 40) AS birthday
            FROM generate_series(1, {count}) g;
        INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed,
                           phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, security_stamp)
            SELECT id, 'm' || g || '@bench.test', 'M' || g || '@BENCH.TEST', 'm' || g || '@bench.test', 'M' || g || '@BENCH.TEST',
                   true, false, false, true, 0, md5(id::text) FROM seed;
        INSERT INTO members (id, full_name, birthday, culture, joined_at, seller_status, partner_id, shop_id)
            SELECT id, 'Member ' || g, birthday, 'ru', now(),
                   CASE WHEN g % 20 = 0 THEN 'Active' END,
                   CASE WHEN g % 20 = 0 THEN (SELECT min(id) FROM partners) END,
                   CASE WHEN g % 20 = 0 THEN (SELECT min(id) FROM shops) END
            FROM seed;
        INSERT INTO user_roles (user_id, role_id)
            SELECT s.id, r.id FROM seed s JOIN roles r ON r.name = CASE WHEN s.g % 20 = 0 THEN 'Seller' ELSE 'Buyer' END;
        """);

    /// <summary>One credit entry and its lot per row, spread over the members; balances to match.</summary>
    private static Task SeedLotsAsync(string connectionString, int lots) => ExecAsync(connectionString, $"""
        CREATE TEMP TABLE ids AS SELECT array_agg(id) AS a, count(*)::int AS n FROM members;
        INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
            SELECT ids.a[1 + g % ids.n], 10 + g % 7, '{nameof(PointsReason.Correction)}', 'bench', g::text, 'bench:' || g, '{Now.AddDays(-400):O}'
            FROM generate_series(1, {lots}) g, ids;
        INSERT INTO points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at)
            SELECT id, member_id, amount, amount, created_at,
                   CASE WHEN id % 10 < 4 THEN timestamptz '{Now.AddDays(-2):O}'
                        WHEN id % 10 < 8 THEN timestamptz '{Now.AddDays(-1):O}'
                        ELSE timestamptz '{Now.AddDays(100):O}' END
            FROM points_entries WHERE reference_type = 'bench';
        INSERT INTO points_balances (member_id, balance, updated_at)
            SELECT member_id, sum(amount), now() FROM points_entries GROUP BY member_id
            ON CONFLICT (member_id) DO UPDATE SET balance = excluded.balance;
        VACUUM ANALYZE points_entries; VACUUM ANALYZE points_lots; VACUUM ANALYZE points_balances;
        """);

    private static async Task ExecAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
