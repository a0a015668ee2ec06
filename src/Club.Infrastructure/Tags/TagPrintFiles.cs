using Club.Application.Features.Tags;

namespace Club.Infrastructure.Tags;

/// <summary>Print files of web-created batches under App_Data/print/B000123 (owner-only).</summary>
internal sealed class TagPrintFiles(ClubPaths paths) : ITagPrintFiles
{
    public string FolderFor(int batchId) =>
        Path.Combine(paths.Print, Club.Domain.Tags.TagBatch.FormatNumber(batchId));

    public string NewWorkFolder() => ClubPaths.CreatePrivateFolder(Path.Combine(paths.Print, "jobs", Guid.NewGuid().ToString("N")));

    public string Keep(int batchId, string file)
    {
        var kept = Path.Combine(ClubPaths.CreatePrivateFolder(FolderFor(batchId)), Path.GetFileName(file));
        File.Move(file, kept);
        return kept;
    }

    public IReadOnlyList<string> List(int batchId)
    {
        var folder = FolderFor(batchId);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Where(f => !f.EndsWith(TagBatchGenerator.PartialSuffix, StringComparison.Ordinal)).Order().ToList()
            : [];
    }

    public void Delete(int batchId)
    {
        var folder = FolderFor(batchId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
