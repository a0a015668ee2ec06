using Club.Application.Abstractions;
using Club.Application.Features.Tags;
using Club.Domain.Tags;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Tags.TagBatchTestSupport;

namespace Club.Application.Tests.Features.Tags;

public class VoidTagsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Voids_a_range_in_print_order_and_voiding_again_changes_nothing()
    {
        var (batch, serials) = await NewBatchAsync(20);

        var first = await db.SendAsync<VoidTagsResult>(new VoidTagsCommand(batch.BatchId, [], serials[3], serials[7]));
        var again = await db.SendAsync<VoidTagsResult>(new VoidTagsCommand(batch.BatchId, [], serials[3], serials[7]));

        (first.Voided, again.Voided).Should().Be((5, 0));
        (await StatesAsync(batch)).Select((s, i) => (i, s)).Where(x => x.s == TagState.Voided).Select(x => x.i).Should().Equal(3, 4, 5, 6, 7);
    }

    [Fact]
    public async Task Voids_listed_serials_and_names_the_lines_that_are_not_serials_of_this_batch()
    {
        var (batch, serials) = await NewBatchAsync(5);
        var (_, otherSerials) = await NewBatchAsync(2);

        var result = await db.SendAsync<VoidTagsResult>(new VoidTagsCommand(batch.BatchId, [serials[1].ToLowerInvariant(), otherSerials[0], "garbage", serials[4]]));

        result.Voided.Should().Be(2);
        result.Rejected.Should().Equal(otherSerials[0], "garbage");
    }

    [Fact]
    public async Task A_range_across_batches_or_backwards_is_refused_and_changes_nothing()
    {
        var (batch, serials) = await NewBatchAsync(5);
        var (_, otherSerials) = await NewBatchAsync(2);

        var across = await db.SendAsync<VoidTagsResult>(new VoidTagsCommand(batch.BatchId, [], serials[0], otherSerials[1]));
        var backwards = await db.SendAsync<VoidTagsResult>(new VoidTagsCommand(batch.BatchId, [], serials[4], serials[0]));

        across.Error.Should().NotBeNull();
        backwards.Error.Should().NotBeNull();
        (await StatesAsync(batch)).Should().OnlyContain(s => s == TagState.Issued);
    }

    [Fact]
    public async Task Marking_a_batch_printed_deletes_its_server_side_print_files()
    {
        var (batch, _) = await NewBatchAsync(3);
        var files = db.Services.GetRequiredService<ITagPrintFiles>();
        var work = Path.Combine(files.NewWorkFolder(), "x.csv");
        await File.WriteAllTextAsync(work, "secret");
        await files.KeepAsync(batch.BatchId, work);
        (await files.ListAsync(batch.BatchId)).Should().Equal("x.csv");

        var result = await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batch.BatchId, TagBatchState.Printed));

        result.Succeeded.Should().BeTrue();
        (await files.ListAsync(batch.BatchId)).Should().BeEmpty();
    }

    private async Task<(GeneratedTagBatch Batch, List<string> Serials)> NewBatchAsync(int quantity)
    {
        var folder = TempFolder();
        var result = await db.SendAsync<CreateTagBatchResult>(NewBatch(folder, quantity));
        var serials = ReadPrintFile(result.Batch!.PrintFile).Select(r => r[0]).ToList();
        Directory.Delete(folder, recursive: true);
        return (result.Batch, serials);
    }

    private async Task<List<TagState>> StatesAsync(GeneratedTagBatch batch)
    {
        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        return await context.Tags.Where(t => t.BatchId == batch.BatchId).OrderBy(t => t.Id).Select(t => t.State).ToListAsync();
    }
}
