using System.Buffers.Binary;
using Club.Domain.Members;
using Club.Domain.Points;
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
            BenchSupport.ExecAsync(connectionString, $"SET maintenance_work_mem = '512MB'; {d.Definition}")));
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
