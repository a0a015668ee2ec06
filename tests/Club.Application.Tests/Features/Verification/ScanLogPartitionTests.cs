using System.Diagnostics;
using Club.Application.Abstractions;
using Club.Application.Features.Verification;
using Club.Domain.Verification;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Verification.BrandProtectionSupport;

namespace Club.Application.Tests.Features.Verification;

/// <summary>The scan log partitioned by month: creation ahead, the month boundary, retention and the alert job's window.</summary>
public class ScanLogPartitionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Partitions_are_created_ahead_once_and_a_scan_at_a_month_boundary_lands_in_its_own_month()
    {
        var may = new DateTimeOffset(2031, 5, 15, 12, 0, 0, TimeSpan.Zero);
        var created = await db.SendAsync<int>(new CreateScanLogPartitionsCommand { At = may });
        var again = await db.SendAsync<int>(new CreateScanLogPartitionsCommand { At = may });

        var lastTick = new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-10);
        await ScansAsync(700_000_001, lastTick, new DateTimeOffset(2031, 6, 1, 0, 0, 0, TimeSpan.Zero));

        (created, again).Should().Be((new ScanLogRules().MonthsAhead + 1, 0));
        (await PartitionOfAsync(700_000_001)).Should().Equal("tag_scans_p203105", "tag_scans_p203106");
    }

    [Fact]
    public async Task Scans_the_default_partition_caught_move_into_their_month_when_it_is_created()
    {
        await ScansAsync(700_000_002, new DateTimeOffset(2033, 2, 10, 8, 0, 0, TimeSpan.Zero));
        var before = await PartitionOfAsync(700_000_002);

        await db.SendAsync<int>(new CreateScanLogPartitionsCommand { At = new DateTimeOffset(2033, 2, 1, 0, 0, 0, TimeSpan.Zero) });

        before.Should().Equal(ScanLogPartitions.Default);
        (await PartitionOfAsync(700_000_002)).Should().Equal("tag_scans_p203302");
    }

    [Fact]
    public async Task Retention_drops_exactly_the_months_past_it_and_keeps_the_per_tag_counts()
    {
        await db.SendAsync<int>(new CreateScanLogPartitionsCommand { At = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        var tag = (await TestTags.CreateTagIdsAsync(db.Services, 1))[0];
        await ScansAsync(tag, new DateTimeOffset(2024, 1, 31, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 3, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await ScansAsync(tag, new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var counted = await CountOfAsync(tag);

        // 24 months kept before March 2026: from March 2024 on.
        var clock = Stopwatch.StartNew();
        var dropped = await db.SendAsync<int>(new DropOldScanLogPartitionsCommand { At = new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero) });
        clock.Stop();

        await using var context = await CreateAsync(db);
        var months = await ScanLogPartitions.MonthsAsync(context, CancellationToken.None);
        dropped.Should().Be(2);
        months.Should().NotContain([new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero)])
            .And.Contain([new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 4, 1, 0, 0, 0, TimeSpan.Zero)]);
        (await PartitionOfAsync(tag)).Should().Equal("tag_scans_p202403");
        (await CountOfAsync(tag)).Should().Be(counted).And.Be(4);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "dropping a month is a DROP TABLE, not a delete of its rows");
    }

    [Fact]
    public async Task The_alert_jobs_window_reads_only_its_months_partition()
    {
        await db.SendAsync<int>(new CreateScanLogPartitionsCommand { At = new DateTimeOffset(2032, 3, 1, 0, 0, 0, TimeSpan.Zero) });
        var start = new DateTimeOffset(2032, 4, 10, 9, 15, 0, TimeSpan.Zero);
        var end = start + ScanAlertSettings.Window;

        await using var context = await CreateAsync(db);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        // The job's own filter, with the window as parameters as the job sends it.
        explain.CommandText = "EXPLAIN SELECT tag_id, client_hash FROM tag_scans WHERE scanned_at >= @start AND scanned_at < @end";
        AddParameter(explain, "start", start);
        AddParameter(explain, "end", end);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        text.Should().Contain("tag_scans_p203204").And.NotContain("tag_scans_p203203").And.NotContain("tag_scans_p203205").And.NotContain(ScanLogPartitions.Default);
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, DateTimeOffset value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task ScansAsync(long tagId, params DateTimeOffset[] times)
    {
        var log = db.Services.GetRequiredService<IScanLog>();
        foreach (var at in times)
        {
            log.Add(new TagScan { TagId = tagId, ScannedAt = at, ClientHash = Guid.NewGuid().ToByteArray(), Verdict = Verdict.Available });
        }

        await log.FlushAsync();
    }

    /// <summary>The partition each of the tag's scans is stored in, in time order.</summary>
    private async Task<List<string>> PartitionOfAsync(long tagId)
    {
        await using var context = await CreateAsync(db);
        return await context.Database.SqlQuery<string>(
            $"SELECT tableoid::regclass::text AS \"Value\" FROM tag_scans WHERE tag_id = {tagId} ORDER BY scanned_at").ToListAsync();
    }

    private async Task<long> CountOfAsync(long tagId)
    {
        await using var context = await CreateAsync(db);
        return await context.Tags.Where(t => t.Id == tagId).Select(t => t.ScanCount).SingleAsync();
    }
}
