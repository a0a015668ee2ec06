using System.Diagnostics;
using System.Globalization;
using Club.Application.Features.Partners;
using Club.Application.Features.Registration;
using Club.Application.Features.Tags;
using Club.Domain.Members;
using Club.Domain.Tags;
using Club.Infrastructure.Identity;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Club.Bench;

/// <summary>
/// Registrations per second with N buyers registering distinct tags at once, through the whole use case
/// (serial decode, tag read, scratch HMAC, conditional UPDATE, first-item check, rules, ledger entries,
/// lots, balances, one transaction each), against a raw baseline: the same number of transactions on
/// the same number of connections, each doing only the tag UPDATE, one entry INSERT and the balance
/// upsert as prepared statements. Runs alternate on one durable (fsync on) server; afterwards the
/// ledger is checked for double credits.
/// </summary>
internal static class RegistrationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var buyers = BenchSupport.Option(args, "--buyers", 32);
        var perBuyer = BenchSupport.Option(args, "--per-buyer", 100);
        var repeat = BenchSupport.Option(args, "--repeat", 3);
        var root = Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}");
        Console.WriteLine($"Registration benchmark: {buyers} concurrent buyers x {perBuyer} distinct tags, {repeat} runs each, {Environment.ProcessorCount} cores");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            using var app = await BenchSupport.StartAppAsync(server.ConnectionString, Path.Combine(root, "app"));
            var ours = new List<double>();
            var baseline = new List<double>();
            var clientCpu = new List<double>();
            var total = buyers * perBuyer;

            // Warm-up, not counted: JIT, EF's query cache and the connection pools fill here.
            await RegisterAllAsync(app, await CreateBuyersAsync(app, buyers, 20), await PrintAsync(app, buyers * 10, Path.Combine(root, "print")), 10);

            for (var run = 0; run < repeat; run++)
            {
                var members = await CreateBuyersAsync(app, buyers, run);
                var tags = await PrintAsync(app, total, Path.Combine(root, "print"));
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var timer = Stopwatch.StartNew();
                var registered = await RegisterAllAsync(app, members, tags, perBuyer);
                ours.Add(total / timer.Elapsed.TotalSeconds);
                clientCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / total);
                if (registered != total)
                {
                    Console.WriteLine($"ERROR: only {registered} of {total} registrations succeeded");
                    return 1;
                }

                var rawMembers = await CreateBuyersAsync(app, buyers, run + 10);
                var rawTags = await PrintAsync(app, total, Path.Combine(root, "print"));
                baseline.Add(await RawAsync(server.ConnectionString, rawMembers, rawTags, perBuyer));
            }

            var (o, b) = (BenchSupport.Median(ours), BenchSupport.Median(baseline));
            Console.WriteLine($"ours (RegisterItem use case): median {o:N0} registrations/s  runs: {Runs(ours)}");
            Console.WriteLine($"raw SQL baseline, same writes: median {b:N0} transactions/s  runs: {Runs(baseline)}");
            Console.WriteLine($"ratio ours / raw: {o / b:F2}   (app CPU per registration, this process: median {BenchSupport.Median(clientCpu):F2} ms)");
            return await CheckLedgerAsync(server.ConnectionString);
        }
        finally
        {
            BenchSupport.DeleteFolder(root);
        }
    }

    /// <summary>Each buyer registers its own tags one after another, all buyers at once.</summary>
    internal static async Task<int> RegisterAllAsync(IHost app, Guid[] members, (string Serial, string Code, long Id)[] tags, int perBuyer)
    {
        var outcomes = await Task.WhenAll(members.Select((member, b) => Task.Run(async () =>
        {
            var registered = 0;
            for (var i = 0; i < perBuyer; i++)
            {
                var tag = tags[b * perBuyer + i];
                await using var scope = app.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                    .Send(new RegisterItemCommand(member, tag.Serial, tag.Code));
                registered += result.Outcome == RegistrationOutcome.Registered ? 1 : 0;
            }

            return registered;
        })));
        return outcomes.Sum();
    }

    private static string Runs(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)));

    /// <summary>The e-mail of bench buyer <paramref name="i"/> of a run (unique across runs).</summary>
    internal static string BuyerEmail(int run, int i) => $"bench-{run * 1000 + i}@bench.example";

    internal static async Task<Guid[]> CreateBuyersAsync(IHost app, int count, int run, string password = "bench-pass-1")
    {
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<MemberAccounts>();
            var n = run * 1000 + i;
            var result = await accounts.CreateAsync(new NewAccount(
                BuyerEmail(run, i), $"+7 999 {n:0000000}", password, $"Bench {n}", Roles.Buyer));
            ids[i] = result.User?.Id ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
        }

        return ids;
    }

    internal static async Task<(string Serial, string Code, long Id)[]> PrintAsync(IHost app, int count, string folder)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new CreateTagBatchCommand("AQ-SEA-R01", count, null, "bench", "bench", folder, "https://club.example"));
        var batch = result.Batch ?? throw new InvalidOperationException(result.Error?.Text);
        var rows = File.ReadLines(batch.PrintFile).Skip(1).Select(l => l.Split(','))
            .Select((cells, i) => (cells[0], cells[2], batch.FirstTagId + i)).ToArray();
        File.Delete(batch.PrintFile);

        // Only tags of batches on sale register: print, ship to the first partner, activate.
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var partner = (await mediator.Send(new ListPartnerNamesQuery()))[0];
        foreach (var (state, to) in new[] { (TagBatchState.Printed, null), (TagBatchState.Shipped, partner), (TagBatchState.Active, (string?)null) })
        {
            var moved = await mediator.Send(new ChangeTagBatchStateCommand(batch.BatchId, state, to));
            if (!moved.Succeeded)
            {
                throw new InvalidOperationException(moved.Errors[0].ErrorMessage);
            }
        }

        return rows;
    }

    internal static async Task<double> RawAsync(string connectionString, Guid[] members, (string Serial, string Code, long Id)[] tags, int perBuyer)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var now = DateTimeOffset.UtcNow;
        var timer = Stopwatch.StartNew();
        await Task.WhenAll(members.Select((member, b) => Task.Run(async () =>
        {
            await using var connection = await source.OpenConnectionAsync();
            for (var i = 0; i < perBuyer; i++)
            {
                var id = tags[b * perBuyer + i].Id;
                await using var transaction = await connection.BeginTransactionAsync();
                await using var batch = new NpgsqlBatch(connection, transaction)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand("UPDATE tags SET state = 2, owner_member_id = $1, registered_at = $2 WHERE id = $3 AND state = 0")
                            { Parameters = { new() { Value = member }, new() { Value = now }, new() { Value = id } } },
                        // The balance row first: entries reference it.
                        new NpgsqlBatchCommand("INSERT INTO points_balances (member_id, balance, updated_at) VALUES ($1, 150, $2) ON CONFLICT (member_id) DO UPDATE SET balance = points_balances.balance + 150")
                            { Parameters = { new() { Value = member }, new() { Value = now } } },
                        new NpgsqlBatchCommand("INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at) VALUES ($1, 150, 'ItemRegistered', 'tag', $2, $3, $4)")
                            { Parameters = { new() { Value = member }, new() { Value = id.ToString(CultureInfo.InvariantCulture) }, new() { Value = "raw:" + id }, new() { Value = now } } },
                    },
                };
                await batch.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }
        })));
        return tags.Length / timer.Elapsed.TotalSeconds;
    }

    /// <summary>Zero double credits: one registration entry per tag, one bonus per buyer, balances equal entry totals.</summary>
    internal static async Task<int> CheckLedgerAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task<long> CountAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        var doubleCredits = await CountAsync("SELECT count(*) FROM (SELECT reference_id FROM points_entries WHERE reason = 'ItemRegistered' GROUP BY reference_id HAVING count(*) > 1) d");
        var doubleBonuses = await CountAsync("SELECT count(*) FROM (SELECT member_id FROM points_entries WHERE reason = 'FirstItemBonus' GROUP BY member_id HAVING count(*) > 1) d");
        var mismatched = await CountAsync("""
            SELECT count(*) FROM points_balances b
            LEFT JOIN (SELECT member_id, sum(amount) AS total FROM points_entries GROUP BY member_id) e ON e.member_id = b.member_id
            WHERE b.balance <> coalesce(e.total, 0)
            """);
        Console.WriteLine($"double credits: {doubleCredits}, double first-item bonuses: {doubleBonuses}, balances not equal to their entries: {mismatched}");
        return doubleCredits + doubleBonuses + mismatched == 0 ? 0 : 1;
    }
}
