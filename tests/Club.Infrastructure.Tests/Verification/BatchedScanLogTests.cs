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
    public async Task Views_of_a_tag_locked_by_a_registration_are_logged_at_once_and_counted_once_its_lock_is_gone()
    {
        var log = db.Services.GetRequiredService<IScanLog>();
        var tags = await TestTags.CreateTagIdsAsync(db.Services, 2);
        var (free, locked) = (tags.Min(), tags.Max());
        await using var registration = new NpgsqlConnection(db.ConnectionString);
        await registration.OpenAsync();
        await using var transaction = await registration.BeginTransactionAsync();
        await using (var lockTag = new NpgsqlCommand($"SELECT 1 FROM tags WHERE id = {locked} FOR NO KEY UPDATE", registration, transaction))
        {
            await lockTag.ExecuteNonQueryAsync();
        }

        const long gone = long.MaxValue - 7;
        foreach (var tagId in new[] { free, locked, locked, gone })
        {
            log.Add(new TagScan { TagId = tagId, ScannedAt = DateTimeOffset.UtcNow, ClientHash = new byte[16] });
        }

        // The writer does not wait for the lock (a wait could close a deadlock with the registration).
        await log.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var whileLocked = await WrittenAsync();
        var unwrittenWhileLocked = (log.Unwritten(free), log.Unwritten(locked), log.Unwritten(gone));
        await transaction.CommitAsync();
        await log.FlushAsync();

        whileLocked.Should().Be((3L, 1L, 0L), "all three views are logged, the free tag counted");
        unwrittenWhileLocked.Should().Be((0L, 2L, 0L), "the page still shows the locked tag's views; a tag that is gone is not kept");
        (await WrittenAsync()).Should().Be((3L, 1L, 2L));
        (log.Unwritten(free), log.Unwritten(locked)).Should().Be((0L, 0L));

        Task<(long Logged, long Free, long Locked)> WrittenAsync() => db.WithScopeAsync<ClubDbContext, (long, long, long)>(async context => (
            await context.TagScans.LongCountAsync(s => tags.Contains(s.TagId!.Value)),
            await context.Tags.Where(t => t.Id == free).Select(t => t.ScanCount).SingleAsync(),
            await context.Tags.Where(t => t.Id == locked).Select(t => t.ScanCount).SingleAsync()));
    }
}
