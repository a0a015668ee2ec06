using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Club.Application.Features.Tags;
using Club.Domain.Tags;
using Club.Infrastructure.Labels;
using Club.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Club.Infrastructure.Tags;

/// <summary>
/// Generates a batch all-or-nothing. Codes are made in chunks (ids -> serials with batched FF1, random
/// scratch codes, their HMACs); each chunk goes to PostgreSQL by binary COPY and to a print file named
/// *.partial. Only after the transaction commits is the file renamed to its final name. Cancelled or
/// failed: the transaction rolls back and the partial file is deleted, so no printable code exists for
/// a tag that does not. Memory stays flat: one chunk at a time.
/// </summary>
internal sealed class TagBatchGenerator(
    IDbContextFactory<ClubDbContext> dbFactory,
    TagCodes codes,
    TimeProvider clock,
    ILogger<TagBatchGenerator> logger) : ITagBatchGenerator
{
    public const string PartialSuffix = ".partial";
    private const int ChunkSize = 50_000;

    public async Task<GeneratedTagBatch> GenerateAsync(NewTagBatch request, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var folder = ClubPaths.CreatePrivateFolder(request.OutputFolder);
        RemoveAbandonedPartialFiles(folder);
        var partialFile = Path.Combine(folder, $"batch-{Guid.NewGuid():N}.csv{PartialSuffix}");
        var timer = Stopwatch.StartNew();
        var committed = false;

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();

            var firstId = await AllocateIdsAsync(connection, request.Quantity, cancellationToken);
            var batch = new TagBatch
            {
                ProductId = request.ProductId,
                Quantity = request.Quantity,
                FirstTagId = firstId,
                PartnerId = request.PartnerId,
                TemplateName = request.TemplateName,
                CreatedBy = request.CreatedBy,
                CreatedAt = clock.GetUtcNow(),
                State = TagBatchState.Generated,
            };
            db.TagBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);

            await WriteTagsAndPrintFileAsync(connection, batch, request, partialFile, progress, cancellationToken);
            // Past this point the tags exist: a late Ctrl+C must not cancel the commit half-way, and the
            // print file (the only copy of the codes) must never be deleted.
            await transaction.CommitAsync(CancellationToken.None);
            committed = true;

            var printFile = Path.Combine(folder, $"{batch.Number}.csv");
            if (File.Exists(printFile))
            {
                // A file left from an older database with the same batch numbers: keep both.
                printFile = Path.Combine(folder, $"{batch.Number}-{Guid.NewGuid().ToString("N")[..8]}.csv");
            }

            File.Move(partialFile, printFile, overwrite: false);
            logger.LogInformation("Batch {Batch}: {Quantity} tags generated in {Elapsed} ms", batch.Number, batch.Quantity, timer.ElapsedMilliseconds);
            return new GeneratedTagBatch(batch.Id, batch.Number, firstId, batch.Quantity, printFile);
        }
        catch when (!committed)
        {
            File.Delete(partialFile);
            throw;
        }
    }

    private static async Task<long> AllocateIdsAsync(NpgsqlConnection connection, int quantity, CancellationToken cancellationToken)
    {
        // Waits while another batch holds the row (its whole generation, seconds for a million tags).
        await using var allocate = new NpgsqlCommand(
            "UPDATE tag_id_allocator SET next_id = next_id + $1 WHERE id = 1 RETURNING next_id - $1", connection) { CommandTimeout = 600 };
        allocate.Parameters.AddWithValue((long)quantity);
        return (long)(await allocate.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Two stages on the two cores: one task makes the codes of the next chunk (FF1 serials, CSPRNG
    /// scratch codes, HMACs) while this one streams the current chunk to COPY and the print file.
    /// </summary>
    private async Task WriteTagsAndPrintFileAsync(
        NpgsqlConnection connection, TagBatch batch, NewTagBatch request, string partialFile, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(partialFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        ClubPaths.MakePrivate(partialFile);
        await using var csv = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 20);
        LabelCsv.WriteHeader(csv);

        var chunks = Channel.CreateBounded<CodeChunk>(1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => MakeCodesAsync(batch, chunks.Writer, stop.Token), stop.Token);
        try
        {
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY tags (id, batch_id, scratch_hash, state, failed_attempts) FROM STDIN (FORMAT BINARY)", cancellationToken);
            var labels = new List<Label>(ChunkSize);
            var urlPrefix = TagCodes.ScanUrlPrefix(request.PublicBaseUrl);
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                labels.Clear();
                for (var i = 0; i < chunk.Serials.Length; i++)
                {
                    // Synchronous writes: the rows are buffered by Npgsql; an await per value costs more than the value.
                    copy.StartRow();
                    copy.Write(chunk.FirstId + i, NpgsqlDbType.Bigint);
                    copy.Write(batch.Id, NpgsqlDbType.Integer);
                    copy.Write(new ArraySegment<byte>(chunk.Hashes, i * ScratchHasher.HashLength, ScratchHasher.HashLength), NpgsqlDbType.Bytea);
                    copy.Write((short)TagState.Issued, NpgsqlDbType.Smallint);
                    copy.Write((short)0, NpgsqlDbType.Smallint);
                    labels.Add(new Label(chunk.Serials[i], urlPrefix + chunk.Serials[i],
                        ScratchCode.Group(chunk.ScratchCodes[i]), request.ProductName, batch.Number));
                }

                LabelCsv.WriteRows(labels, csv);
                progress?.Report(chunk.FirstId - batch.FirstTagId + chunk.Serials.Length);
            }

            await producer;
            await copy.CompleteAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(producer);
        }

        await csv.FlushAsync(cancellationToken);
        // The codes must be on disk before the commit makes their tags real.
        file.Flush(flushToDisk: true);
    }

    private async Task MakeCodesAsync(TagBatch batch, ChannelWriter<CodeChunk> chunks, CancellationToken cancellationToken)
    {
        try
        {
            for (var offset = 0; offset < batch.Quantity; offset += ChunkSize)
            {
                var count = Math.Min(ChunkSize, batch.Quantity - offset);
                var firstId = batch.FirstTagId + offset;
                var scratchCodes = ScratchCode.GenerateMany(count);
                var hashes = new byte[count * ScratchHasher.HashLength];
                codes.Scratch.HashMany(scratchCodes, hashes);
                await chunks.WriteAsync(new CodeChunk(firstId, codes.Serials.EncodeRange(firstId, count), scratchCodes, hashes), cancellationToken);
            }

            chunks.Complete();
        }
        catch (Exception ex)
        {
            chunks.Complete(ex);
        }
    }

    private sealed record CodeChunk(long FirstId, string[] Serials, string[] ScratchCodes, byte[] Hashes);

    /// <summary>
    /// A *.partial file is left only by a process killed mid-batch; its tags were rolled back. A batch
    /// running right now holds its file open, and between closing it and renaming it after the commit
    /// it is at most seconds old: only files untouched for an hour count as abandoned.
    /// </summary>
    private void RemoveAbandonedPartialFiles(string folder)
    {
        foreach (var partial in Directory.GetFiles(folder, "*" + PartialSuffix))
        {
            if (File.GetLastWriteTimeUtc(partial) > clock.GetUtcNow().UtcDateTime.AddHours(-1))
            {
                continue;
            }

            try
            {
                // A batch being written right now holds its file exclusively; that one is not abandoned.
                using (new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                logger.LogWarning("Deleting {File}: left by an interrupted batch whose tags were never stored", Path.GetFileName(partial));
                File.Delete(partial);
            }
            catch (IOException)
            {
            }
        }
    }
}
