using Club.Application.Features.Tags;
using Club.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Tags;

/// <summary>
/// Print files of web-created batches in the table tag_print_files (sealed), so any node serves a batch
/// another node generated; only the files being made live in a local owner-only folder (App_Data/print/jobs).
/// </summary>
internal sealed class TagPrintFiles(ClubPaths paths, IDbContextFactory<ClubDbContext> contexts, PrintFileSeal seal, TimeProvider clock)
    : ITagPrintFiles
{
    public string NewWorkFolder() => ClubPaths.CreatePrivateFolder(Path.Combine(paths.Print, "jobs", Guid.NewGuid().ToString("N")));

    public async Task<string> KeepAsync(int batchId, string file, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(file);
        var content = await File.ReadAllBytesAsync(file, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.TagPrintFiles.Add(new TagPrintFile { BatchId = batchId, Name = name, Sealed = seal.Seal(batchId, name, content), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);

        return name;
    }

    public async Task<IReadOnlyList<string>> ListAsync(int batchId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.TagPrintFiles.Where(f => f.BatchId == batchId).Select(f => f.Name).OrderBy(n => n).ToListAsync(cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(int batchId, string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var sealedFile = await db.TagPrintFiles.Where(f => f.BatchId == batchId && f.Name == name)
            .Select(f => f.Sealed).SingleOrDefaultAsync(cancellationToken);
        return sealedFile is null ? null : seal.Open(batchId, name, sealedFile);
    }

    public async Task DeleteAsync(int batchId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.TagPrintFiles.Where(f => f.BatchId == batchId).ExecuteDeleteAsync(cancellationToken);
    }
}
