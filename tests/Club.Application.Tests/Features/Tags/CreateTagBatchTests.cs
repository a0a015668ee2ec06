using Club.Application.Abstractions;
using Club.Application.Features.Tags;
using Club.Infrastructure.Tags;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Tags.TagBatchTestSupport;

namespace Club.Application.Tests.Features.Tags;

public class CreateTagBatchTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Stores_every_tag_and_writes_a_print_file_whose_codes_match_the_stored_hashes()
    {
        var folder = TempFolder();

        var result = await db.SendAsync<CreateTagBatchResult>(NewBatch(folder, quantity: 1234));

        result.Succeeded.Should().BeTrue(result.Error?.Text);
        var batch = result.Batch!;
        var rows = ReadPrintFile(batch.PrintFile);
        rows.Should().HaveCount(1234);
        var codes = db.Services.GetRequiredService<ITagCodes>();

        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var tags = await context.Tags.Where(t => t.BatchId == batch.BatchId).OrderBy(t => t.Id).ToListAsync();
        tags.Should().HaveCount(1234);
        tags.Select(t => t.Id).Should().Equal(Enumerable.Range(0, 1234).Select(i => batch.FirstTagId + i));

        for (var i = 0; i < rows.Count; i++)
        {
            var (serial, url, scratch) = (rows[i][0], rows[i][1], rows[i][2]);
            codes.TryDecodeSerial(serial, out var id).Should().Be(SerialCheck.Valid);
            id.Should().Be(tags[i].Id);
            url.Should().Be($"HTTPS://CLUB.EXAMPLE/T/{serial}");
            ScratchCode.TryParse(scratch, out var canonical).Should().Be(ScratchParse.Valid);
            codes.ScratchMatches(canonical, tags[i].ScratchHash).Should().BeTrue();
            tags[(i + 1) % tags.Count].ScratchHash.Should().NotEqual(tags[i].ScratchHash);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_print_file_is_readable_by_its_owner_only()
    {
        var folder = TempFolder();

        var result = await db.SendAsync<CreateTagBatchResult>(NewBatch(folder, quantity: 3));

        File.GetUnixFileMode(result.Batch!.PrintFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("NO-SUCH-SKU", 10, null, "no active product")]
    [InlineData("AQ-SEA-R01", 0, null, "between 1 and 1,000,000")]
    [InlineData("AQ-SEA-R01", 1_000_001, null, "between 1 and 1,000,000")]
    [InlineData("AQ-SEA-R01", 10, "Нет такого партнёра", "no partner")]
    public async Task Refuses_bad_requests_with_a_reason_and_stores_nothing(string sku, int quantity, string? partner, string reason)
    {
        var folder = TempFolder();
        var before = await db.CountsAsync();

        var result = await db.SendAsync<CreateTagBatchResult>(NewBatch(folder, quantity, sku, partner));

        result.Succeeded.Should().BeFalse();
        result.Error!.Text.Should().Contain(reason);
        (await db.CountsAsync()).Should().Be(before);
        Directory.Exists(folder).Should().BeFalse();
    }

    [Fact]
    public async Task Cancelled_midway_it_leaves_no_batch_no_tags_no_ids_used_and_no_print_file()
    {
        var folder = TempFolder();
        var before = await db.CountsAsync();
        using var cancel = new CancellationTokenSource();
        var command = NewBatch(folder, quantity: 300_000) with { Progress = new SynchronousProgress(_ => cancel.Cancel()) };

        var act = async () =>
        {
            await using var scope = db.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(command, cancel.Token);
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await db.CountsAsync()).Should().Be(before);
        Directory.GetFiles(folder).Should().BeEmpty("no code may exist for a tag that does not");
    }

    [Fact]
    public async Task Batches_created_at_the_same_time_get_separate_unbroken_id_ranges()
    {
        var folder = TempFolder();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => db.SendAsync<CreateTagBatchResult>(NewBatch(folder, quantity: 500))));

        var ranges = results.Select(r => (First: r.Batch!.FirstTagId, Last: r.Batch.FirstTagId + 499)).OrderBy(r => r.First).ToList();
        ranges.Zip(ranges.Skip(1)).Should().OnlyContain(pair => pair.Second.First == pair.First.Last + 1);
        Directory.GetFiles(folder, "*.csv").Should().HaveCount(6);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Plain_scratch_codes_never_reach_the_database()
    {
        var folder = TempFolder();
        var result = await db.SendAsync<CreateTagBatchResult>(NewBatch(folder, quantity: 200));
        var codes = ReadPrintFile(result.Batch!.PrintFile).Select(r => r[2]).ToList();

        var dump = await DatabaseDump.AllTablesAsTextAsync(db.ConnectionString);

        foreach (var grouped in codes)
        {
            dump.Should().NotContain(grouped).And.NotContain(grouped.Replace("-", "", StringComparison.Ordinal));
        }

        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Reports on the calling thread, so the test can cancel exactly after the first chunk.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
