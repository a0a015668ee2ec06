using System.Buffers.Binary;
using Club.Application.Features.Verification;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Domain.Tags;
using Npgsql;
using NpgsqlTypes;

namespace Club.Bench;

/// <summary>
/// Millions of members and ledger rows through binary COPY, the way a restore loads a dump: rows
/// first (foreign-key triggers off, the rows are consistent by construction), then the table's
/// indexes built once. The schema is the migrated one; every index, constraint and trigger is back in
/// place before anything is measured. Rows are computed from their number, so nothing is held in memory.
/// </summary>
internal static class BulkSeed
{
    /// <summary>Members joined over the three years before this moment; their ids are UUIDv7 of that time, as the site makes them.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The end of every seeded scan log: a fixed past time, so a kept seed and a new one hold the same scans.</summary>
    public static readonly DateTimeOffset ScanLogEnd = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan JoinSpan = TimeSpan.FromDays(3 * 365);

    /// <summary>Member number <paramref name="n"/> of <paramref name="count"/>: joined in order, so ids ascend with n.</summary>
    public static Guid MemberId(long n, long count)
    {
        var joined = JoinedAt(n, count);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, joined.ToUnixTimeMilliseconds() << 16);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Mix((ulong)n));
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[7] = (byte)Mix((ulong)n ^ 0x5555);
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    public static DateTimeOffset JoinedAt(long n, long count) => Epoch - JoinSpan + JoinSpan * ((double)n / count);

    /// <summary>
    /// Accounts, profiles and roles: every 20th member an active seller at the first demo shop, the rest buyers.
    /// </summary>
    public static async Task MembersAsync(string connectionString, int count, Func<long, DateOnly> birthday)
    {
        var (buyerRole, sellerRole, partner, shop) = await ReferenceIdsAsync(connectionString);
        await WithIndexesRebuiltAsync(connectionString, ["users", "members", "user_roles"], () => Task.WhenAll(
            CopyAsync(connectionString,
                "users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, security_stamp)",
                count, (writer, n) =>
                {
                    var email = $"m{n}@bench.test";
                    writer.Write(MemberId(n, count), NpgsqlDbType.Uuid);
                    writer.Write(email, NpgsqlDbType.Varchar);
                    writer.Write(email.ToUpperInvariant(), NpgsqlDbType.Varchar);
                    writer.Write(email, NpgsqlDbType.Varchar);
                    writer.Write(email.ToUpperInvariant(), NpgsqlDbType.Varchar);
                    writer.Write(true);
                    writer.Write(false);
                    writer.Write(false);
                    writer.Write(true);
                    writer.Write(0);
                    writer.Write(n.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Text);
                }),
            CopyAsync(connectionString,
                "members (id, full_name, birthday, culture, joined_at, seller_status, partner_id, shop_id)", count, (writer, n) =>
                {
                    var seller = IsSeller(n);
                    writer.Write(MemberId(n, count), NpgsqlDbType.Uuid);
                    writer.Write($"Участник {n}", NpgsqlDbType.Varchar);
                    writer.Write(birthday(n), NpgsqlDbType.Date);
                    writer.Write("ru", NpgsqlDbType.Varchar);
                    writer.Write(JoinedAt(n, count), NpgsqlDbType.TimestampTz);
                    if (seller)
                    {
                        writer.Write(nameof(SellerStatus.Active), NpgsqlDbType.Varchar);
                        writer.Write(partner);
                        writer.Write(shop);
                    }
                    else
                    {
                        writer.WriteNull();
                        writer.WriteNull();
                        writer.WriteNull();
                    }
                }),
            CopyAsync(connectionString, "user_roles (user_id, role_id)", count, (writer, n) =>
            {
                writer.Write(MemberId(n, count), NpgsqlDbType.Uuid);
                writer.Write(IsSeller(n) ? sellerRole : buyerRole, NpgsqlDbType.Uuid);
            })));
    }

    public static bool IsSeller(long n) => n % 20 == 0;

    /// <summary>
    /// <paramref name="lots"/> credits (entry + lot), lot n belonging to member n % members (a member's
    /// credits are spread over the table as over time), earned and expiring as <paramref name="dates"/>
    /// says; every member's balance is the sum of their credits.
    /// </summary>
    public static async Task CreditsAsync(string connectionString, int members, long lots, Func<long, (DateTimeOffset Earned, DateTimeOffset Expires)> dates)
    {
        static int Amount(long n) => 10 + (int)(n % 7);
        var reason = nameof(PointsReason.ItemRegistered);
        await WithIndexesRebuiltAsync(connectionString, ["points_entries", "points_lots", "points_balances"], () => Task.WhenAll(
            CopyAsync(connectionString,
                "points_entries (id, member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)", lots, (writer, n) =>
                {
                    writer.Write(n + 1);
                    writer.Write(MemberId(n % members, members), NpgsqlDbType.Uuid);
                    writer.Write(Amount(n));
                    writer.Write(reason, NpgsqlDbType.Varchar);
                    writer.Write("tag", NpgsqlDbType.Varchar);
                    writer.Write((n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                    writer.Write($"register:{n + 1}", NpgsqlDbType.Varchar);
                    writer.Write(dates(n).Earned, NpgsqlDbType.TimestampTz);
                }),
            CopyAsync(connectionString, "points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at)", lots, (writer, n) =>
            {
                var (earned, expires) = dates(n);
                writer.Write(n + 1);
                writer.Write(MemberId(n % members, members), NpgsqlDbType.Uuid);
                writer.Write(Amount(n));
                writer.Write(Amount(n));
                writer.Write(earned, NpgsqlDbType.TimestampTz);
                writer.Write(expires, NpgsqlDbType.TimestampTz);
            })));
        await BenchSupport.ExecAsync(connectionString, """
            SET session_replication_role = replica;
            SELECT setval(pg_get_serial_sequence('points_entries', 'id'), (SELECT max(id) FROM points_entries));
            INSERT INTO points_balances (member_id, balance, updated_at)
                SELECT member_id, sum(amount), max(created_at) FROM points_entries GROUP BY member_id
                ON CONFLICT (member_id) DO UPDATE SET balance = points_balances.balance + excluded.balance
            """);
    }

    /// <summary>
    /// <paramref name="count"/> tags in active batches (of at most <see cref="TagBatch.MaxQuantity"/>, as the
    /// factory makes them) of the first demo product, sold through the first demo partner: ids follow the
    /// highest existing one, every tag unregistered (the scan page's Available), a fixed scratch hash (nobody
    /// registers them). Set-based, indexes rebuilt after. Returns the first id.
    /// </summary>
    public static async Task<long> TagsAsync(string connectionString, long count)
    {
        var first = await BenchSupport.ScalarAsync(connectionString, "SELECT coalesce(max(id), 0) + 1 FROM tags");
        var size = TagBatch.MaxQuantity;
        var batches = (count + size - 1) / size;
        await BenchSupport.ExecAsync(connectionString, $"""
            INSERT INTO tag_batches (product_id, partner_id, quantity, first_tag_id, state, created_at, created_by, template_name, printed_at, shipped_at, activated_at)
            SELECT (SELECT min(id) FROM products), (SELECT min(id) FROM partners), least({size}, {count} - i * {size}), {first} + i * {size},
                   '{nameof(TagBatchState.Active)}', now(), 'bench', 'bench', now(), now(), now()
            FROM generate_series(0, {batches - 1}) i
            """);
        // Two statements on the two halves at once: generate_series rows are cheap, the heap writes are the work.
        await WithIndexesRebuiltAsync(connectionString, ["tags"], () => Task.WhenAll(
            new[] { 0, 1 }.Select(half => BenchSupport.ExecAsync(connectionString, $"""
                SET session_replication_role = replica;
                INSERT INTO tags (id, batch_id, scratch_hash, state, failed_attempts)
                SELECT g, b.id, '\x{new string('a', 64)}'::bytea, {(short)TagState.Issued}, 0
                FROM generate_series({first}::bigint + {half} * ({count} / 2), {first} + CASE WHEN {half} = 0 THEN {count} / 2 ELSE {count} END - 1) g
                JOIN tag_batches b ON b.created_by = 'bench' AND g BETWEEN b.first_tag_id AND b.first_tag_id + b.quantity - 1
                """))));
        return first;
    }

    /// <summary>What a seeded scan takes on disk with its indexes, measured on 100,000,000 scans (a month partition of 7.7 million: 148 bytes a scan), with a margin.</summary>
    private const long BytesPerScan = 160;

    /// <summary>Refuses, before writing anything, a seed the server's disk cannot hold (with 5 GB left for the rest of the machine).</summary>
    private static async Task RequireFreeDiskAsync(string connectionString, long bytes)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW data_directory", connection);
        var dataDirectory = (string)(await command.ExecuteScalarAsync())!;
        var free = new DriveInfo(dataDirectory).AvailableFreeSpace;
        const long reserve = 5L << 30;
        if (free - bytes < reserve)
        {
            throw new InvalidOperationException(
                $"The seed needs about {bytes / (1L << 30)} GB in {dataDirectory}, and only {free / (1L << 30)} GB are free (5 GB must stay free): free some space or seed fewer scans.");
        }
    }

    /// <summary>
    /// <paramref name="count"/> scans spread evenly over the whole months before <paramref name="end"/>
    /// (<paramref name="months"/> of them, and the current month up to <paramref name="end"/>), ids and times
    /// ascending together, as the site logs them. Access pattern: a fifth of the scans go to a hot set of 1 %
    /// of the tags (new and gifted items scanned again and again), the rest uniformly to all
    /// <paramref name="tags"/> tags from <paramref name="firstTag"/>; a visitor scans about three times; 2 %
    /// are made-up serials (no tag, the serial kept). Each month's scans go straight into its partition (made
    /// here if missing), two months at a time, indexes rebuilt after; each tag's total goes on its row.
    /// </summary>
    public static async Task ScansAsync(string connectionString, long count, long firstTag, long tags, DateTimeOffset end, int months)
    {
        await RequireFreeDiskAsync(connectionString, count * BytesPerScan);
        var start = ScanLogPartitions.MonthOf(end).AddMonths(-months);
        var span = (end - start).TotalSeconds;
        var monthStarts = Enumerable.Range(0, months + 1).Select(m => start.AddMonths(m)).ToList();
        foreach (var month in monthStarts)
        {
            await BenchSupport.ExecAsync(connectionString, $"""
                CREATE TABLE IF NOT EXISTS {ScanLogPartitions.NameOf(month)} PARTITION OF tag_scans
                FOR VALUES FROM ('{month:yyyy-MM-dd} 00:00:00+00') TO ('{month.AddMonths(1):yyyy-MM-dd} 00:00:00+00')
                """);
        }

        // Row n is scanned at start + span * n / count: the rows of a month are one range of n.
        long RowAt(DateTimeOffset at) => (long)Math.Ceiling(Math.Clamp((at - start).TotalSeconds / span, 0, 1) * count);
        var hot = Math.Max(1, tags / 100);
        var inserts = monthStarts.Select(month => (Func<Task>)(() => BenchSupport.ExecAsync(connectionString, $"""
            SET session_replication_role = replica;
            INSERT INTO {ScanLogPartitions.NameOf(month)} (id, tag_id, scanned_at, client_hash, member_id, verdict, unknown_serial)
            SELECT g + 1,
                   CASE WHEN g % 50 = 7 THEN NULL
                        WHEN g % 5 = 0 THEN {firstTag} + (g * 2654435761) % {hot}
                        ELSE {firstTag} + (g * 2654435761) % {tags} END,
                   '{start:O}'::timestamptz + make_interval(secs => {span.ToString(System.Globalization.CultureInfo.InvariantCulture)} * g / {count}),
                   int8send(g / 3) || int8send((g / 3) * 7919),
                   NULL,
                   CASE WHEN g % 50 = 7 THEN 'NotGenuine' ELSE 'Available' END,
                   CASE WHEN g % 50 = 7 THEN 'FAKE' || (g % 100000) END
            FROM generate_series({RowAt(month)}::bigint, {RowAt(month.AddMonths(1))}::bigint - 1) g
            """))).ToList();
        await WithIndexesRebuiltAsync(connectionString, ["tag_scans"], async () =>
        {
            // Two at a time: both cores busy, no more (the machine is shared).
            using var gate = new SemaphoreSlim(2);
            await Task.WhenAll(inserts.Select(async insert =>
            {
                await gate.WaitAsync();
                try
                {
                    await insert();
                }
                finally
                {
                    gate.Release();
                }
            }));
        });
        await BenchSupport.ExecAsync(connectionString, """
            SELECT setval(pg_get_serial_sequence('tag_scans', 'id'), (SELECT max(id) FROM tag_scans));
            UPDATE tags t SET scan_count = t.scan_count + c.scans
                FROM (SELECT tag_id, count(*) AS scans FROM tag_scans WHERE tag_id IS NOT NULL GROUP BY tag_id) c
                WHERE t.id = c.tag_id
            """);
        // The update left a dead version of nearly every row: rewritten without them, with each page's tenth free
        // again. A statement of its own: in the update's transaction the rewrite would have to keep them.
        await BenchSupport.ExecAsync(connectionString, "CLUSTER tags USING pk_tags");
    }

    private static async Task<(Guid Buyer, Guid Seller, int Partner, int Shop)> ReferenceIdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT (SELECT id FROM roles WHERE name = '{Roles.Buyer}'), (SELECT id FROM roles WHERE name = '{Roles.Seller}'),
                   s.partner_id, s.id
            FROM shops s ORDER BY s.partner_id, s.id LIMIT 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    private static async Task CopyAsync(string connectionString, string target, long rows, Action<NpgsqlBinaryImporter, long> write)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await BenchSupport.ExecAsync(connection, "SET session_replication_role = replica");
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)");
        for (var n = 0L; n < rows; n++)
        {
            writer.StartRow();
            write(writer, n);
        }

        await writer.CompleteAsync();
    }

    /// <summary>Drops the tables' plain indexes (not those of primary keys), runs the load, builds them again from their saved definitions.</summary>
    public static async Task WithIndexesRebuiltAsync(string connectionString, string[] tables, Func<Task> load)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid = ANY (SELECT unnest($1::text[])::regclass)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                """, connection);
            command.Parameters.AddWithValue(tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            await BenchSupport.ExecAsync(connectionString, $"DROP INDEX {name}");
        }

        await load();
        await Task.WhenAll(definitions.Select(d =>
            // A partitioned table's index reads "ON ONLY" (the parent alone): built here on every partition.
            BenchSupport.ExecAsync(connectionString, $"SET maintenance_work_mem = '512MB'; {d.Definition.Replace(" ON ONLY ", " ON ", StringComparison.Ordinal)}")));
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
