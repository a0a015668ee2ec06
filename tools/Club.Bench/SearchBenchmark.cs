using System.Diagnostics;
using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Club.Bench;

/// <summary>
/// The member desk's search over 1,000,000 members (<c>--members N</c>), each with an account (e-mail,
/// phone), a registered item and every 100th a gift order, seeded set-based with the tables' secondary
/// indexes dropped and rebuilt after. Surnames are made of 30 × 20 stems and 5 endings in both genders
/// (6,000 surnames, ~170 members each, like a real long tail), first names from 40. Times the use case
/// (<see cref="SearchMembersQuery"/>, both of its statements) for each query of the set in
/// docs/benchmarks.md against a plain indexed lookup run beside it: one user by e-mail on its index.
/// <c>--keep DIR</c> keeps the seeded database there for the next run.
/// </summary>
internal static class SearchBenchmark
{
    private const string Target = "100 ms";

    public static async Task<int> RunAsync(string[] args)
    {
        var members = BenchSupport.Option(args, "--members", 1_000_000);
        var repeat = BenchSupport.Option(args, "--repeat", 20);
        var keep = BenchSupport.Option(args, "--keep");
        var root = keep is null ? Path.Combine(Path.GetTempPath(), $"club-bench-{Guid.NewGuid():N}") : Path.GetFullPath(keep);
        Console.WriteLine($"Search benchmark: {members:N0} members, {repeat} runs per query, {Environment.ProcessorCount} cores, load {BenchSupport.Load()}");
        try
        {
            await using var server = await BenchSupport.StartServerAsync(Path.Combine(root, "pg"));
            using var app = await BenchSupport.StartAppAsync(server.ConnectionString, Path.Combine(root, "app"));
            var seed = $"search bench: {members} members";
            var seeded = await BenchSupport.SeedDescriptionAsync(server.ConnectionString);
            if (seeded is not null && seeded != seed)
            {
                Console.WriteLine($"{root} holds another seed ({seeded}): remove the folder or keep another one.");
                return 2;
            }

            if (seeded is null)
            {
                var seeding = Stopwatch.StartNew();
                await SeedAsync(server.ConnectionString, members, seed);
                Console.WriteLine($"seeded in {seeding.Elapsed.TotalSeconds:N0} s (load {BenchSupport.Load()})");
            }
            else
            {
                Console.WriteLine($"reusing the seeded database in {root}");
            }

            var queries = await QueriesAsync(server.ConnectionString, app.Services, members);
            var sought = await SoughtMemberAsync(server.ConnectionString, members);
            var baselineEmail = queries.Single(q => q.Name == "e-mail, whole address").Text;
            var worst = 0.0;
            foreach (var (name, text) in queries)
            {
                var ours = new List<double>();
                var plain = new List<double>();
                var found = 0;
                var onFirstPage = false;
                for (var run = 0; run <= repeat; run++)
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    var timer = Stopwatch.StartNew();
                    var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SearchMembersQuery(text));
                    var ms = timer.Elapsed.TotalMilliseconds;
                    var baseline = await PlainLookupAsync(server.ConnectionString, baselineEmail);
                    if (run > 0)
                    {
                        // Run 0 warms the JIT, EF's query cache and the pages read.
                        ours.Add(ms);
                        plain.Add(baseline);
                        found = result.Members.Count;
                        onFirstPage = result.Members.Any(m => m.Id == sought);
                    }
                }

                var (o, p) = (BenchSupport.Median(ours), BenchSupport.Median(plain));
                worst = Math.Max(worst, o);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-34} \"{text}\": {found,2} found{(onFirstPage ? ", the member among them" : "")}  median {o,7:F1} ms  max {ours.Max(),7:F1} ms   plain lookup {p,5:F1} ms   ratio {o / p,6:F1}"));
            }

            Console.WriteLine($"worst median {worst:F1} ms (target {Target}); load average: {BenchSupport.Load()}");
            return worst < 100 ? 0 : 1;
        }
        finally
        {
            if (keep is null)
            {
                BenchSupport.DeleteFolder(root);
            }
        }
    }

    /// <summary>The seed's number of the member the queries are made from: one near the middle of the table.</summary>
    private static int SoughtNumber(int members) => members / 2 + 7;

    /// <summary>The member the queries are made from.</summary>
    private static async Task<Guid> SoughtMemberAsync(string connectionString, int members)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT md5('search' || $1)::uuid", connection);
        command.Parameters.AddWithValue(SoughtNumber(members));
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The query set of docs/benchmarks.md, made from rows the seed wrote (a member near the middle).</summary>
    private static async Task<List<(string Name, string Text)>> QueriesAsync(string connectionString, IServiceProvider services, int members)
    {
        var g = SoughtNumber(members);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand(
            "SELECT m.full_name, u.email, u.phone_number, t.id FROM members m JOIN users u ON u.id = m.id JOIN tags t ON t.owner_member_id = m.id WHERE m.id = md5('search' || $1)::uuid",
            connection);
        read.Parameters.AddWithValue(g);
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (fullName, email, phone, tagId) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3));
        await reader.DisposeAsync();
        var order = await BenchSupport.ScalarAsync(connectionString, "SELECT max(id) FROM gift_orders");
        var surname = fullName.Split(' ')[0];
        var serial = services.GetRequiredService<ITagCodes>().SerialOf(tagId);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return
        [
            ("misspelt surname", Misspelt(surname)),
            ("misspelt surname and first name", Misspelt(surname) + " " + fullName.Split(' ')[1]),
            ("e-mail prefix", email[..(at + 2)]),
            ("e-mail, whole address", email),
            ("phone as dictated (8, spaces)", "8 " + phone[2..5] + " " + phone[5..8] + "-" + phone[8..]),
            ("serial, lower case", serial.ToLowerInvariant()),
            ("gift order number", "№" + order.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>The surname with its first unstressed-looking vowel after the second letter swapped, as a caller spells it ("Калокольцева").</summary>
    private static string Misspelt(string surname)
    {
        var at = surname.IndexOfAny(['о', 'а', 'е', 'и'], 2);
        var other = surname[at] switch { 'о' => 'а', 'а' => 'о', 'е' => 'и', _ => 'е' };
        return surname[..at] + other + surname[(at + 1)..];
    }

    /// <summary>The baseline: one user by e-mail on its index, one plain statement on an open connection.</summary>
    private static async Task<double> PlainLookupAsync(string connectionString, string email)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, email, phone_number FROM users WHERE normalized_email = $1", connection);
        command.Parameters.AddWithValue(email.ToUpperInvariant());
        var timer = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
        }

        return timer.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Set-based inserts with foreign-key triggers off (the rows are consistent by construction) and the
    /// seeded tables' secondary indexes dropped, then rebuilt by one sort each (the trigram index too).
    /// </summary>
    private static async Task SeedAsync(string connectionString, int members, string description)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        async Task Run(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        await BulkSeed.WithIndexesRebuiltAsync(connectionString, ["users", "members", "tags", "gift_orders"], () => Run($$"""
            SET session_replication_role = replica;
            CREATE TEMP TABLE bench_names AS
            SELECT g,
                   (ARRAY['Бел','Черн','Красн','Зел','Сер','Бор','Вол','Мед','Коз','Кол','Сол','Бог','Гор','Дуб','Лес','Мор','Нов','Стар','Тих','Ясн',
                          'Зар','Остр','Плот','Сух','Твер','Хол','Чист','Шир','Глад','Добр'])[1 + g % 30]
                || (ARRAY['огляд','опуз','окольц','ошапк','одубц','оконь','орыб','осел','оград','овар','отоп','оход','ожар','олап','онос','орук',
                          'оглаз','опят','олоб','овод'])[1 + g / 30 % 20]
                || CASE WHEN g % 2 = 0 THEN (ARRAY['ов','ев','ин','ский','ых'])[1 + g / 600 % 5] ELSE (ARRAY['ова','ева','ина','ская','ых'])[1 + g / 600 % 5] END
                || ' '
                || CASE WHEN g % 2 = 0
                        THEN (ARRAY['Иван','Пётр','Алексей','Сергей','Дмитрий','Андрей','Михаил','Николай','Олег','Юрий','Павел','Артём','Егор','Кирилл',
                                    'Роман','Степан','Фёдор','Глеб','Илья','Тимур'])[1 + g / 3000 % 20]
                        ELSE (ARRAY['Анна','Мария','Елена','Ольга','Татьяна','Наталья','Ирина','Светлана','Юлия','Дарья','Ксения','Алёна','Вера','Софья',
                                    'Полина','Алина','Екатерина','Марина','Надежда','Галина'])[1 + g / 3000 % 20] END AS full_name
            FROM generate_series(0, {{members - 1}}) g;
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, concurrency_stamp,
                               phone_number, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            SELECT md5('search' || g)::uuid, 'member' || g || '@mail' || g % 50 || '.example', upper('member' || g || '@mail' || g % 50 || '.example'),
                   'member' || g || '@mail' || g % 50 || '.example', upper('member' || g || '@mail' || g % 50 || '.example'), true, md5(g::text), md5(g::text),
                   '+79' || lpad(g::text, 9, '0'), true, false, true, 0
            FROM generate_series(0, {{members - 1}}) g;
            INSERT INTO members (id, full_name, culture, joined_at)
            SELECT md5('search' || g)::uuid, full_name, 'ru', now() - (g % 1000) * interval '1 day' FROM bench_names;
            INSERT INTO tag_batches (product_id, quantity, first_tag_id, template_name, created_by, created_at, state)
            SELECT min(id), {{members}}, 2000000000, 'bench', 'bench', now(), 'Active' FROM products;
            INSERT INTO tags (id, batch_id, scratch_hash, state, failed_attempts, owner_member_id, registered_at)
            SELECT 2000000000 + g, (SELECT max(id) FROM tag_batches), sha256(g::text::bytea), 2, 0, md5('search' || g)::uuid, now() - (g % 365) * interval '1 day'
            FROM generate_series(0, {{members - 1}}) g;
            INSERT INTO gift_orders (member_id, gift_id, gift_title, points, delivery, address, status, order_key, placed_at, updated_at, refund_expires_at)
            SELECT md5('search' || g)::uuid, (SELECT min(id) FROM gifts), 'Bench gift', 100, 'Post', 'Москва, ул. Тестовая, 1', 'Placed', md5('order' || g)::uuid, now(), now(), now() + interval '1 year'
            FROM generate_series(0, {{members - 1}}, 100) g;
            SET session_replication_role = DEFAULT;
            """));
        await Run("VACUUM ANALYZE");
        await Run($"DO $$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), '{description}'); END $$");
    }
}
