using Club.Application.Features.Tags;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Tags;

internal static class TagBatchTestSupport
{
    public const string BaseUrl = "https://club.example";

    public static CreateTagBatchCommand NewBatch(string folder, int quantity = 100, string sku = "AQ-SEA-R01", string? partner = null) =>
        new(sku, quantity, partner, "a4-sheet-3x8.json", "tests", folder, BaseUrl);

    public static string TempFolder() => Path.Combine(Path.GetTempPath(), "club-batch-tests", Guid.NewGuid().ToString("N"));

    public static async Task<(int Batches, long Tags, long NextId)> CountsAsync(this DatabaseFixture db)
    {
        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var next = await context.Database.SqlQuery<long>($"SELECT next_id AS \"Value\" FROM tag_id_allocator").SingleAsync();
        return (await context.TagBatches.CountAsync(), await context.Tags.LongCountAsync(), next);
    }

    /// <summary>The print file's rows: serial, url, grouped scratch code, batch, product.</summary>
    public static List<string[]> ReadPrintFile(string path) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split(',')).ToList();
}
