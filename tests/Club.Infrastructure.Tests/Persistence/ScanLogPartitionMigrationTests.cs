using System.Globalization;
using Club.Application.Features.Verification;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Club.Infrastructure.Tests.Persistence;

/// <summary>
/// The migration that made tag_scans a table partitioned by month, run on a site that already has a scan
/// log: the database is migrated up to the migration before it, scans of several months are logged, then
/// the rest of the migrations run, among them the one that moved the per-tag counts onto the tags.
/// </summary>
public class ScanLogPartitionMigrationTests
{
    private const string Conversion = "_ConvertTagScansToMonthlyPartitions";

    [Fact]
    public async Task Scans_logged_before_the_conversion_land_in_their_months_partitions_with_ids_values_and_counts_kept_on_the_tags()
    {
        var name = "m_" + Guid.NewGuid().ToString("N");
        var connectionString = await TestPostgres.CreateDatabaseAsync(name);
        try
        {
            var options = new DbContextOptionsBuilder<ClubDbContext>();
            DependencyInjection.ConfigureNpgsql(options, connectionString);
            await using var context = new ClubDbContext(options.Options);
            var migrator = context.GetService<IMigrator>();
            var migrations = context.Database.GetMigrations().ToList();
            var conversion = migrations.Single(m => m.EndsWith(Conversion, StringComparison.Ordinal));
            await migrator.MigrateAsync(migrations[migrations.IndexOf(conversion) - 1]);

            // The migration makes a partition for every month of the last year that has scans, and up to
            // three months ahead; anything older goes to the default partition.
            var thisMonth = ScanLogPartitions.MonthOf(DateTimeOffset.UtcNow);
            var lastMonth = thisMonth.AddMonths(-1);
            var fiveAgo = thisMonth.AddMonths(-5);
            var longAgo = thisMonth.AddMonths(-13);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await LogScansAsync(connection, thisMonth, 3);
            await LogScansAsync(connection, lastMonth, 2);
            await LogScansAsync(connection, fiveAgo, 4);
            await LogScansAsync(connection, longAgo, 1);
            // The bounds: the last microsecond of last month, and midnight UTC on the first of this one.
            await LogScanAtAsync(connection, thisMonth.AddTicks(-10));
            await LogScanAtAsync(connection, thisMonth);
            await ExecAsync(connection, """
                INSERT INTO tags (id, batch_id, scratch_hash, state, failed_attempts)
                SELECT id, 1, sha256(int8send(id)), 0, 0 FROM generate_series(9000001, 9000004) id;
                INSERT INTO tag_scan_counts (tag_id, scans) SELECT tag_id, count(*) FROM tag_scans WHERE tag_id IS NOT NULL GROUP BY tag_id
                """);
            var rowsBefore = await ReadAsync(connection, "SELECT concat_ws('|', id, tag_id, scanned_at, encode(client_hash, 'hex'), verdict, unknown_serial) FROM tag_scans ORDER BY id");
            var countsBefore = await ReadAsync(connection, "SELECT tag_id || ':' || scans FROM tag_scan_counts ORDER BY tag_id");

            await migrator.MigrateAsync();

            (await ReadAsync(connection, "SELECT relkind::text FROM pg_class WHERE relname = 'tag_scans'")).Should().Equal("p");
            var partitions = (await ReadAsync(connection, "SELECT tableoid::regclass::text || '=' || count(*) FROM tag_scans GROUP BY tableoid"))
                .Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
            partitions.Should().BeEquivalentTo(new Dictionary<string, int>
            {
                [ScanLogPartitions.NameOf(thisMonth)] = 3 + 1,
                [ScanLogPartitions.NameOf(lastMonth)] = 2 + 1,
                [ScanLogPartitions.NameOf(fiveAgo)] = 4,
                [ScanLogPartitions.Default] = 1,
            });
            (await ReadAsync(connection, "SELECT concat_ws('|', id, tag_id, scanned_at, encode(client_hash, 'hex'), verdict, unknown_serial) FROM tag_scans ORDER BY id"))
                .Should().Equal(rowsBefore, "every scan keeps its id and values");
            (await ReadAsync(connection, "SELECT id || ':' || scan_count FROM tags WHERE scan_count > 0 ORDER BY id")).Should().Equal(countsBefore);
            (await ReadAsync(connection, "SELECT scan_count::text FROM tags WHERE id = 9000004")).Should().Equal(["0"], "a tag never scanned counts none");
            (await ReadAsync(connection, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'tags'")).Should().Equal("fillfactor=90");

            // The identity goes on after the highest id copied: the next scan logged does not collide.
            var maxBefore = rowsBefore.Max(r => long.Parse(r.Split('|')[0], CultureInfo.InvariantCulture));
            var next = await ReadAsync(connection, "INSERT INTO tag_scans (tag_id, scanned_at, client_hash) VALUES (9000001, now(), '\\x00') RETURNING id::text");
            long.Parse(next.Single(), CultureInfo.InvariantCulture).Should().BeGreaterThan(maxBefore);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropDatabaseAsync(name);
        }
    }

    /// <summary><paramref name="count"/> scans on the second day of <paramref name="month"/>, an hour apart, on two tags, one of them an unknown serial.</summary>
    private static async Task LogScansAsync(NpgsqlConnection connection, DateTimeOffset month, int count)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO tag_scans (tag_id, scanned_at, client_hash, verdict, unknown_serial)
            SELECT CASE WHEN g = 0 THEN NULL ELSE 9000001 + g % 2 END, $1 + interval '1 day' + g * interval '1 hour',
                   decode(lpad(to_hex(g), 32, '0'), 'hex'), CASE WHEN g = 0 THEN 'NotGenuine' ELSE 'Available' END,
                   CASE WHEN g = 0 THEN 'B7ZWSPZ5P1NE8' END
            FROM generate_series(0, $2 - 1) g
            """, connection);
        command.Parameters.AddWithValue(month);
        command.Parameters.AddWithValue(count);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task LogScanAtAsync(NpgsqlConnection connection, DateTimeOffset at)
    {
        await using var command = new NpgsqlCommand("INSERT INTO tag_scans (tag_id, scanned_at, client_hash, verdict) VALUES (9000003, $1, '\\x01', 'Available')", connection);
        command.Parameters.AddWithValue(at);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ReadAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
