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
/// its sale), 500 sellers in 50 shops of 10 partners, 200,000 buyers, seeded with set-based SQL. Times the
/// whole use case (scope check and its three statements) against a floor: the bare count of the partner's
/// sales in the quarter on the same index.
/// </summary>
internal static class ReportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var entries = BenchSupport.Option(args, "--entries", 10_000_000);
        var items = BenchSupport.Option(args, "--items", 1_000_000);
        var repeat = BenchSupport.Option(args, "--repeat", 5);
        var root = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}");
        Console.WriteLine($"Report benchmark: {entries:N0} ledger entries, {items:N0} registrations, 500 sellers, {Environment.ProcessorCount} cores");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            using var app = await BenchSupport.StartAppAsync(server.ConnectionString, Path.Combine(root, "app"));
            var (partnerId, managerId) = await PartnersAndManagerAsync(app.Services);
            var seeding = Stopwatch.StartNew();
            await SeedAsync(server.ConnectionString, entries, items);
            Console.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:N0} s");

            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1).AddMonths(-3);
            var query = new GetPartnerReportQuery(managerId, null, quarter, quarter.AddMonths(3).AddDays(-1));
            var ours = new List<double>();
            var floor = new List<double>();
            PartnerReport? report = null;
            for (var run = 0; run <= repeat; run++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var timer = Stopwatch.StartNew();
                report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
                var ms = timer.Elapsed.TotalMilliseconds;
                var floorMs = await FloorAsync(server.ConnectionString, partnerId, quarter);
                if (run > 0)
                {
                    // Run 0 warms the JIT and EF's query cache.
                    ours.Add(ms);
                    floor.Add(floorMs);
                }
            }

            var (o, f) = (BenchSupport.Median(ours), BenchSupport.Median(floor));
            Console.WriteLine($"quarterly report of one partner ({report!.Sellers.Count} sellers, {report.Sellers.Sum(s => s.RegisteredItems):N0} items, {report.Sellers.Sum(s => s.PointsEarned):N0} points): median {o:N0} ms  runs: {string.Join(", ", ours.Select(x => x.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"floor, count of the partner's sales in the quarter: median {f:N0} ms   ratio {o / f:F1}");
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
            return o < 1000 ? 0 : 1;
        }
        finally
        {
            BenchSupport.DeleteFolder(root);
        }
    }

    private static async Task<(int PartnerId, Guid ManagerId)> PartnersAndManagerAsync(IServiceProvider services)
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
        var created = await scope.ServiceProvider.GetRequiredService<MemberAccounts>().CreateAsync(new NewAccount(
            "bench-partner@club.example", "+7 999 000-00-01", "bench-pass-1", "Bench manager", Roles.PartnerManager, PartnerId: first));
        return (first, created.User!.Id);
    }

    /// <summary>Set-based inserts; foreign-key triggers are off for the load (the rows are consistent by construction).</summary>
    private static async Task SeedAsync(string connectionString, int entries, int items)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Run(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
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

        await Run("SET session_replication_role = DEFAULT; ANALYZE");
    }

    private static async Task<double> FloorAsync(string connectionString, int partnerId, DateOnly from)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM sales WHERE partner_id = $1 AND recorded_at >= $2 AND recorded_at < $3", connection);
        command.Parameters.AddWithValue(partnerId);
        command.Parameters.AddWithValue(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        command.Parameters.AddWithValue(new DateTimeOffset(from.AddMonths(3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var timer = Stopwatch.StartNew();
        await command.ExecuteScalarAsync();
        return timer.Elapsed.TotalMilliseconds;
    }
}
