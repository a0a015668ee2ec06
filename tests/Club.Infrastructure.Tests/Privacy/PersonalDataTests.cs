using System.IO.Compression;
using Club.Application.Abstractions;
using Club.Application.Features.Privacy;
using Club.Domain.Privacy;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Club.Infrastructure.Tests.Privacy;

public class PersonalDataTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Every_column_that_names_a_member_is_in_the_personal_data_catalogue()
    {
        // Foreign keys to users or members, and columns whose name says they hold a member, of every
        // table (a partitioned table counts once, by its parent).
        var columns = new List<(string Table, string Column)>();
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT k.table_name, k.column_name
                FROM information_schema.referential_constraints AS r
                JOIN information_schema.key_column_usage AS k ON k.constraint_name = r.constraint_name AND k.constraint_schema = r.constraint_schema
                JOIN information_schema.constraint_column_usage AS target ON target.constraint_name = r.unique_constraint_name AND target.constraint_schema = r.unique_constraint_schema
                WHERE k.table_schema = 'public' AND target.table_name IN ('users', 'members')
                UNION
                SELECT c.table_name, c.column_name
                FROM information_schema.columns AS c
                WHERE c.table_schema = 'public'
                  AND (c.column_name LIKE '%member_id%' OR c.column_name LIKE '%user_id%' OR c.column_name IN ('buyer_id', 'seller_id'))
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var partitions = await PartitionsAsync();
        var missing = columns
            .Where(c => !partitions.Contains(c.Table))
            .Where(c => !PersonalDataCatalogue.Tables.Any(t => t.Table == c.Table && t.MemberColumns.Contains(c.Column)))
            .Select(c => $"{c.Table}.{c.Column}")
            .Distinct().Order().ToList();

        columns.Should().Contain(("sales", "buyer_id"), "the query must find the columns it is meant to");
        missing.Should().BeEmpty("every table holding a member id must be listed in PersonalDataCatalogue, which the export and the erasure use");
    }

    [Fact]
    public async Task Download_my_data_has_a_file_per_catalogue_table_with_the_members_rows_and_no_secrets_or_other_members()
    {
        var (member, email) = await TestTags.CreateBuyerAsync(db.Services);
        var (other, otherEmail) = await TestTags.CreateBuyerAsync(db.Services);
        await db.SendAsync<Result>(new ChangeMyConsentCommand(member, ConsentKinds.Marketing, true));

        var zip = await db.SendAsync<byte[]>(new ExportMyDataQuery(member));

        using var archive = new ZipArchive(new MemoryStream(zip));
        archive.Entries.Select(e => e.Name).Should().BeEquivalentTo(
            PersonalDataCatalogue.Tables.Select(t => t.Table + ".json").Append(ExportMyDataHandler.ScansOfMyItemsFile));
        var files = archive.Entries.ToDictionary(e => e.Name, e => new StreamReader(e.Open()).ReadToEnd());
        files["users.json"].Should().Contain(email).And.NotContain("password_hash").And.NotContain("security_stamp");
        files["members.json"].Should().Contain(member.ToString());
        files["consent_changes.json"].Should().Contain("\"cabinet\"").And.Contain("\"sign-up\"");
        files["member_consents.json"].Should().Contain(ConsentKinds.Marketing);
        string.Concat(files.Values).Should().NotContain(other.ToString()).And.NotContain(otherEmail);
    }

    [Fact]
    public async Task Scan_retention_forgets_the_visitor_fingerprints_of_old_scans_only()
    {
        var settings = db.Services.GetRequiredService<PrivacySettings>();
        var serial = "RETENTION" + Guid.NewGuid().ToString("N")[..8];
        var old = DateTimeOffset.UtcNow.AddDays(-settings.ScanVisitorRetentionDays - 1);
        var recent = DateTimeOffset.UtcNow.AddDays(-settings.ScanVisitorRetentionDays + 1);
        await using (var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync())
        {
            await context.Database.ExecuteSqlAsync($"""
                INSERT INTO tag_scans (client_hash, scanned_at, unknown_serial)
                VALUES ('\x0102030405060708090a0b0c0d0e0f10'::bytea, {old}, {serial}), ('\x0102030405060708090a0b0c0d0e0f10'::bytea, {recent}, {serial})
                """);
        }

        (await db.SendAsync<int>(new ForgetOldScanVisitorsCommand())).Should().BeGreaterThanOrEqualTo(1);
        (await db.SendAsync<int>(new ForgetOldScanVisitorsCommand())).Should().Be(0, "a second run finds nothing left to forget");

        await using var check = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        var kept = await check.TagScans.Where(s => s.UnknownSerial == serial).OrderBy(s => s.ScannedAt).Select(s => s.ClientHash.Length).ToListAsync();
        kept.Should().Equal(0, 16);
    }

    private async Task<HashSet<string>> PartitionsAsync()
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        return (await context.Database.SqlQuery<string>($"SELECT relname::text AS \"Value\" FROM pg_class WHERE relispartition").ToListAsync()).ToHashSet();
    }
}
