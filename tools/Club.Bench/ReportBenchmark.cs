using System.Diagnostics;
using Club.Application.Features.Reports;
using Club.Domain.Members;
using Club.Domain.Partners;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Club.Bench;

/// <summary>
/// A partner's quarterly report at scale: 10,000,000 ledger entries, 1,000,000 registered items (each with
/// its sale), 500 sellers in 50 shops of 10 partners, 200,000 buyers, 100,000 ratings about sellers, seeded
/// with set-based SQL while the tables' secondary indexes are dropped (rebuilt by sorting afterwards). Times
/// the whole use case against two raw baselines run beside it: the bare count of the partner's sales in
/// the quarter on the same index, and the unavoidable reads (the partner's sales in the sales window joined
/// to their tags, and the sum of its sellers' ledger entries in the quarter) as two plain statements. <c>--keep folder</c> keeps the seeded database there and reuses it on the next run.
/// </summary>
internal static class ReportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var entries = BenchSupport.Option(args, "--entries", 10_000_000);
        var items = BenchSupport.Option(args, "--items", 1_000_000);
        var repeat = BenchSupport.Option(args, "--repeat", 5);
        var keep = BenchSupport.Option(args, "--keep");
        var root = keep is null ? Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}") : Path.GetFullPath(keep);
        Console.WriteLine($"Report benchmark: {entries:N0} ledger entries, {items:N0} registrations, 500 sellers, {Environment.ProcessorCount} cores");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            using var app = await BenchSupport.StartAppAsync(server.ConnectionString, Path.Combine(root, "app"));
            var seed = $"report bench: {entries} entries, {items} items";
            var seeded = await BenchSupport.SeedDescriptionAsync(server.ConnectionString);
            if (seeded is not null && seeded != seed)
            {
                Console.WriteLine($"{root} holds another seed ({seeded}): remove the folder or keep another one.");
                return 2;
            }

            if (seeded is null)
            {
                await PartnersAndManagerAsync(app.Services);
                var seeding = Stopwatch.StartNew();
                await SeedAsync(server.ConnectionString, entries, items, seed);
                Console.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:N0} s (load {File.ReadAllText("/proc/loadavg").Trim()})");
            }
            else
            {
                Console.WriteLine($"reusing the seeded database in {root}");
            }

            var (partnerId, managerId) = await PartnerAndManagerAsync(app.Services);

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(-3);
            var query = new GetPartnerReportQuery(managerId, null, quarter, quarter.AddMonths(3).AddDays(-1));
            var ours = new List<double>();
            var floor = new List<double>();
            var reads = new List<double>();
            PartnerReport? report = null;
            for (var run = 0; run <= repeat; run++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var timer = Stopwatch.StartNew();
                report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
                var ms = timer.Elapsed.TotalMilliseconds;
                var floorMs = await TimeSqlAsync(server.ConnectionString, partnerId, quarter, SalesCount);
                var readsMs = await TimeSqlAsync(server.ConnectionString, partnerId, quarter, SalesWithTags) +
                    await TimeSqlAsync(server.ConnectionString, partnerId, quarter, SellersPoints);
                if (run > 0)
                {
                    // Run 0 warms the JIT and EF's query cache.
                    ours.Add(ms);
                    floor.Add(floorMs);
                    reads.Add(readsMs);
                }
            }

            var (o, f, r) = (BenchSupport.Median(ours), BenchSupport.Median(floor), BenchSupport.Median(reads));
            Console.WriteLine($"quarterly report of one partner ({report!.Sellers.Count} sellers, {report.Sellers.Sum(s => s.RegisteredItems):N0} items, {report.Sellers.Sum(s => s.PointsEarned):N0} points): median {o:N0} ms  runs: {string.Join(", ", ours.Select(x => x.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"floor, count of the partner's sales in the quarter: median {f:N0} ms   ratio {o / f:F1}");
            Console.WriteLine($"raw reads, sales in the window joined to tags + sellers' ledger sum: median {r:N0} ms   ratio {o / r:F2}");
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            return o < 1000 ? 0 : 1;
        }
        finally
        {
            if (keep is null)
            {
                BenchSupport.DeleteFolder(root);
            }
        }
    }

    private static async Task PartnersAndManagerAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        for (var p = 1; p <= 10; p++)
        {
            var partner = new Partner { Name = $"Bench {p:00}" };
            for (var s = 1; s <= 5; s++)
            {
                partner.Shops.Add(new Shop { Name = $"Bench {p:00} shop {s}", Address = new Address("Москва", $"ул. Тестовая, {s}") });
            }

            db.Partners.Add(partner);
        }

        await db.SaveChangesAsync();
        var first = await db.Partners.Where(p => p.Name == "Bench 01").Select(p => p.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<MemberAccounts>().CreateAsync(new NewAccount(
            ManagerEmail, "+7 999 000-00-01", "bench-pass-1", "Bench manager", Roles.PartnerManager, PartnerId: first));
    }

    private const string ManagerEmail = "bench-partner@club.example";

    private static async Task<(int PartnerId, Guid ManagerId)> PartnerAndManagerAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var manager = await db.Users.Where(u => u.Email == ManagerEmail).Select(u => u.Id).SingleAsync();
        return ((await db.Members.Where(m => m.Id == manager).Select(m => m.PartnerId).SingleAsync())!.Value, manager);
    }

    /// <summary>The tables the seed fills; their secondary indexes are dropped during the load.</summary>
    private static readonly string[] SeededTables = ["members", "tags", "sales", "points_entries", "survey_responses", "survey_answers"];

    /// <summary>
    /// Set-based inserts; foreign-key triggers are off for the load (the rows are consistent by construction)
    /// and the secondary indexes are dropped, then rebuilt: one sort per index costs a fraction of ten million
    /// insertions into it (the unique idempotency key above all). The VACUUM at the end leaves the tables as
    /// autovacuum leaves insert-mostly tables, with their visibility maps set.
    /// </summary>
    private static async Task SeedAsync(string connectionString, int entries, int items, string description)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Run(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("""
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """, connection))
        {
            read.Parameters.AddWithValue(SeededTables);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await Run($"DROP INDEX {name}");
        }

        await Run("SET session_replication_role = replica");
        await Run("""
            INSERT INTO members (id, full_name, partner_id, shop_id, seller_status, culture, joined_at)
            SELECT md5('seller' || g)::uuid, 'Продавец ' || g, s.partner_id, s.id, 'Active', 'ru', now() - interval '2 years'
            FROM generate_series(0, 499) g
            JOIN (SELECT id, partner_id, row_number() OVER (ORDER BY id) - 1 AS n FROM shops WHERE name LIKE 'Bench %') s ON s.n = g % 50;
            INSERT INTO members (id, full_name, culture, joined_at)
            SELECT md5('buyer' || g)::uuid, 'Покупатель ' || g, 'ru', now() - interval '2 years' FROM generate_series(0, 199999) g;
            INSERT INTO tag_batches (product_id, quantity, first_tag_id, template_name, created_by, created_at, state)
            SELECT min(id), 1000000, 1000000000, 'bench', 'bench', now(), 'Active' FROM products;
            """);
        await Run($"""
            INSERT INTO tags (id, batch_id, scratch_hash, state, failed_attempts, owner_member_id, registered_at)
            SELECT 1000000000 + g, (SELECT max(id) FROM tag_batches), sha256(g::text::bytea), 2, 0,
                md5('buyer' || (g % 200000))::uuid, now() - (g % 365) * interval '1 day' - (g % 997) * interval '1 minute'
            FROM generate_series(0, {items - 1}) g;
            INSERT INTO sales (tag_id, seller_id, shop_id, partner_id, recorded_at, state, flag, points, confirmed_at)
            SELECT t.id, m.id, m.shop_id, m.partner_id, t.registered_at - interval '1 day', 'Confirmed', 'None', 50, t.registered_at
            FROM tags t JOIN members m ON m.id = md5('seller' || ((t.id - 1000000000) % 500))::uuid
            WHERE t.id >= 1000000000;
            """);
        // Ledger entries in chunks of a million: nine in ten to buyers, one in ten to sellers, a year of dates.
        for (var start = 0; start < entries; start += 1_000_000)
        {
            var end = Math.Min(entries, start + 1_000_000) - 1;
            await Run($"""
                INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                SELECT CASE WHEN g % 10 = 0 THEN md5('seller' || (g % 500))::uuid ELSE md5('buyer' || (g % 200000))::uuid END,
                    CASE WHEN g % 7 = 0 THEN -5 ELSE 10 END, 'ItemRegistered', 'bench', g::text, 'bench:' || g,
                    now() - (g % 365) * interval '1 day'
                FROM generate_series({start}, {end}) g;
                """);
        }

        // Ratings about sellers: 100,000 buyers answered a survey over the year, each rating one seller.
        await Run("""
            INSERT INTO surveys (title, target, opens_at, closes_at, points, created_at, created_by)
            VALUES ('Bench', 'Buyers', now() - interval '2 years', now() + interval '1 year', 0, now(), 'bench');
            INSERT INTO survey_questions (survey_id, position, text, kind, is_required, options, about_seller)
            SELECT max(id), 0, 'How did the seller help you?', 'Rating', true, '{}', true FROM surveys;
            INSERT INTO survey_responses (survey_id, member_id, submitted_at)
            SELECT (SELECT max(id) FROM surveys), md5('buyer' || g)::uuid, now() - (g % 365) * interval '1 day' FROM generate_series(0, 99999) g;
            INSERT INTO survey_answers (response_id, question_id, choices, rating, seller_id)
            SELECT r.id, (SELECT max(id) FROM survey_questions), '{}', 1 + r.id % 5, md5('seller' || (r.id * 7 % 500))::uuid FROM survey_responses r;
            """);
        await Run("SET session_replication_role = DEFAULT; SET maintenance_work_mem = '1GB'");
        foreach (var (_, definition) in indexes)
        {
            await Run(definition);
        }

        await Run("VACUUM ANALYZE");
        await Run($"DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), '{description}'); END $$");
    }

    private const string SalesCount = "SELECT count(*) FROM sales WHERE partner_id = $1 AND recorded_at >= $2 AND recorded_at < $3";

    private static readonly string SalesWithTags = $"""
        SELECT count(t.registered_at) FROM sales x JOIN tags t ON t.id = x.tag_id
        WHERE x.partner_id = $1 AND x.recorded_at >= $2 - interval '{Club.Domain.Sales.Sale.DefaultWindowDays} days'
            AND x.recorded_at < $3 + interval '{Club.Domain.Sales.Sale.DefaultWindowDays} days'
        """;

    private const string SellersPoints = """
        SELECT sum(e.amount) FROM members m JOIN points_entries e ON e.member_id = m.id
        WHERE m.partner_id = $1 AND m.seller_status IS NOT NULL AND e.created_at >= $2 AND e.created_at < $3
        """;

    /// <summary>One plain statement over the quarter starting at <paramref name="from"/>, timed on an open connection.</summary>
    private static async Task<double> TimeSqlAsync(string connectionString, int partnerId, DateOnly from, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(partnerId);
        command.Parameters.AddWithValue(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        command.Parameters.AddWithValue(new DateTimeOffset(from.AddMonths(3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var timer = Stopwatch.StartNew();
        await command.ExecuteScalarAsync();
        return timer.Elapsed.TotalMilliseconds;
    }
}
