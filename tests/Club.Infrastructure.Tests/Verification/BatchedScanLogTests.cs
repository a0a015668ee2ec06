using Club.Application.Abstractions;
using Club.Domain.Verification;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Club.Infrastructure.Tests.Verification;

public class BatchedScanLogTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Views_queued_from_many_threads_are_all_written_once_with_counts_equal_to_the_log()
    {
        var log = db.Services.GetRequiredService<IScanLog>();
        var tags = await TestTags.CreateTagIdsAsync(db.Services, 3);
        var writers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                log.Add(new TagScan { TagId = i % 10 == 0 ? null : tags[i % 3], ScannedAt = DateTimeOffset.UtcNow, ClientHash = new byte[16] });
                if (i % 250 == 0)
                {
                    await log.FlushAsync(); // flushes racing with the writers, as the background writer would
                }
            }
        }));
        await Task.WhenAll(writers);

        tags.Sum(log.Unwritten).Should().BeGreaterThan(0, "some views are still queued before the last flush");
        await log.FlushAsync();

        tags.Select(log.Unwritten).Should().AllBeEquivalentTo(0L);
        var written = await db.WithScopeAsync<ClubDbContext, (long Logged, long Counted, long Anonymous)>(async context => (
            await context.TagScans.LongCountAsync(s => tags.Contains(s.TagId!.Value)),
            await context.Tags.Where(t => tags.Contains(t.Id)).SumAsync(t => t.ScanCount),
            await context.TagScans.LongCountAsync(s => s.TagId == null)));
        written.Logged.Should().Be(7_200);
        written.Counted.Should().Be(7_200);
        written.Anonymous.Should().BeGreaterThanOrEqualTo(800);
    }

    [Fact]
    public async Task Views_seen_while_the_database_is_away_are_kept_and_written_when_it_is_back()
    {
        var (relay, throughRelay) = TcpRelay.For(db.ConnectionString);
        using var _ = relay;
        await using var node = TestServices.Build(throughRelay);
        await node.GetRequiredService<Club.Infrastructure.Postgres.ClubDatabase>().StartAsync();
        var log = node.GetRequiredService<IScanLog>();
        var tag = (await TestTags.CreateTagIdsAsync(db.Services, 1))[0];

        relay.Stop();
        for (var i = 0; i < 22; i++)
        {
            log.Add(new TagScan { TagId = tag, ScannedAt = DateTimeOffset.UtcNow, ClientHash = new byte[16] });
        }

        await log.FlushAsync();
        var keptWhileAway = log.Unwritten(tag);
        relay.Start();
        await log.FlushAsync();

        keptWhileAway.Should().Be(22);
        log.Unwritten(tag).Should().Be(0);
        var written = await db.WithScopeAsync<ClubDbContext, (long Logged, long Counted)>(async context => (
            await context.TagScans.LongCountAsync(s => s.TagId == tag),
            await context.Tags.Where(t => t.Id == tag).SumAsync(t => t.ScanCount)));
        written.Should().Be((22L, 22L));
    }

    [Fact]
    public async Task A_batch_that_loses_a_deadlock_on_the_tags_is_written_again_once()
    {
        var log = db.Services.GetRequiredService<IScanLog>();
        var tags = await TestTags.CreateTagIdsAsync(db.Services, 2);
        var (first, second) = (tags.Min(), tags.Max());
        await using var other = new NpgsqlConnection(db.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await ExecAsync(other, $"UPDATE tags SET failed_attempts = failed_attempts WHERE id = {second}");

        // The writer locks the first tag, then waits for the second; the other transaction then asks for the first.
        log.Add(new TagScan { TagId = first, ScannedAt = DateTimeOffset.UtcNow, ClientHash = new byte[16] });
        log.Add(new TagScan { TagId = second, ScannedAt = DateTimeOffset.UtcNow, ClientHash = new byte[16] });
        var flush = log.FlushAsync();
        await using (var watcher = new NpgsqlConnection(db.ConnectionString))
        {
            await watcher.OpenAsync();
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE tags t SET scan_count%'", watcher);
            for (var i = 0; i < 200 && (long)(await waiting.ExecuteScalarAsync())! == 0; i++)
            {
                await Task.Delay(50);
            }
        }

        // The writer waited first, so its deadlock check runs first and rolls its batch back.
        await ExecAsync(other, $"UPDATE tags SET failed_attempts = failed_attempts WHERE id = {first}");
        await transaction.CommitAsync();
        await flush;
        await log.FlushAsync();

        tags.Select(log.Unwritten).Should().AllBeEquivalentTo(0L);
        var written = await db.WithScopeAsync<ClubDbContext, (long Logged, long[] Counted)>(async context => (
            await context.TagScans.LongCountAsync(s => tags.Contains(s.TagId!.Value)),
            await context.Tags.Where(t => tags.Contains(t.Id)).OrderBy(t => t.Id).Select(t => t.ScanCount).ToArrayAsync()));
        written.Logged.Should().Be(2);
        written.Counted.Should().Equal(1, 1);

        static async Task ExecAsync(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
