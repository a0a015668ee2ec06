using System.Collections.Concurrent;
using System.Threading.Channels;
using Club.Application.Abstractions;
using Club.Domain.Verification;
using Club.Infrastructure.Persistence;
using Club.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Club.Infrastructure.Verification;

/// <summary>
/// Writes scan-page views in batches: one binary COPY into the log and one update of the tags' counts
/// per batch, instead of an INSERT (and a COUNT over a growing log) per page view. Measured
/// on the scan page in tools/Club.Bench/scan-wrk.sh. While the database is down or restarting, the
/// batch that could not be written is kept and tried again (every second, then less often) until it is
/// back, and new views wait in the queue. Both are bounded: past them views are dropped (and counted
/// in the log) rather than filling the memory.
/// </summary>
internal sealed class BatchedScanLog(IDbContextFactory<ClubDbContext> dbFactory, ILogger<BatchedScanLog> logger)
    : BackgroundService, IScanLog
{
    private const int QueueLimit = 100_000;
    private const int BatchLimit = 10_000;

    /// <summary>Views are gathered this long before a write, so a busy page costs one write per interval.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);

    private readonly Channel<TagScan> queue = Channel.CreateBounded<TagScan>(
        new BoundedChannelOptions(QueueLimit) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly ConcurrentDictionary<long, long> unwritten = new();
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim writing = new(1, 1);
    private long dropped;

    /// <summary>The batch the database did not take (it was down): written first when it is back. At most <see cref="BatchLimit"/>.</summary>
    private List<TagScan> unsent = [];

    /// <summary>
    /// Views already in the log whose tag was locked (being registered) when their batch was written, by tag:
    /// counted with the next batch. The writer never waits for a tag's lock, so it can never be part of a deadlock.
    /// </summary>
    private Dictionary<long, long> uncounted = [];

    public void Add(TagScan scan)
    {
        if (scan.TagId is { } tagId)
        {
            unwritten.AddOrUpdate(tagId, 1, (_, n) => n + 1);
        }

        if (!queue.Writer.TryWrite(scan))
        {
            Forget([scan]);
            if (Interlocked.Increment(ref dropped) % 1000 == 1)
            {
                logger.LogWarning("Scan log queue full: {Dropped} views dropped so far", Volatile.Read(ref dropped));
            }
        }
    }

    public long Unwritten(long tagId) => unwritten.TryGetValue(tagId, out var n) ? n : 0;

    /// <summary>Writes everything queued; stops early (views kept) when the database is unavailable.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        // Counts left for locked tags get one more try, not a wait: their lock may outlast the flush.
        var uncountedTried = false;
        while (queue.Reader.Count > 0 || Volatile.Read(ref unsent).Count > 0 || (Volatile.Read(ref uncounted).Count > 0 && !uncountedTried))
        {
            uncountedTried = true;
            if (!await WriteBatchAsync(cancellationToken))
            {
                return;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var retry = FirstRetry;
            while (Volatile.Read(ref unsent).Count > 0 || Volatile.Read(ref uncounted).Count > 0 || await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, stoppingToken);
                if (await WriteBatchAsync(stoppingToken))
                {
                    retry = FirstRetry;
                    continue;
                }

                // The database is away: polling it more often would only add to a restart's load.
                await Task.Delay(retry, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, retry.Ticks * 2));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await FlushAsync(cancellationToken);
            if (queue.Reader.Count + unsent.Count is > 0 and var lost)
            {
                logger.LogWarning("Scan log: {Lost} views could not be written on shutdown: the database is unavailable", lost);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Scan log: the last views could not be written on shutdown");
        }
    }

    /// <summary>Writes one batch (the unsent one first); false when the database was unavailable and the batch is kept.</summary>
    private async Task<bool> WriteBatchAsync(CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        var batch = unsent.Count > 0 ? unsent : new List<TagScan>(Math.Min(queue.Reader.Count, BatchLimit));
        unsent = [];
        var (keep, written) = (false, false);
        try
        {
            while (batch.Count < BatchLimit && queue.Reader.TryRead(out var scan))
            {
                batch.Add(scan);
            }

            if (batch.Count > 0 || uncounted.Count > 0)
            {
                var counts = new Dictionary<long, long>(uncounted);
                foreach (var tagId in batch.Select(s => s.TagId).OfType<long>())
                {
                    counts[tagId] = counts.GetValueOrDefault(tagId) + 1;
                }

                var locked = await WriteAsync(batch, counts, cancellationToken);
                // The batch's views are in the log; those whose tag was locked stay unwritten until counted.
                foreach (var (tagId, views) in counts.Where(c => !locked.Contains(c.Key)))
                {
                    Forget(tagId, views);
                }

                uncounted = counts.Where(c => locked.Contains(c.Key)).ToDictionary();
            }

            written = true;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && DatabaseErrors.IsUnavailable(ex))
        {
            logger.LogWarning("Scan log: the database is unavailable; {Count} views kept to write when it is back ({Error})",
                batch.Count, ex.GetBaseException().Message);
            keep = true;
            return false;
        }
        catch (OperationCanceledException)
        {
            // Stopping: the batch goes back for the flush on shutdown.
            keep = true;
            throw;
        }
        catch (Exception ex)
        {
            // A statistic: one batch the database refused must not stop the writer or the site.
            logger.LogError(ex, "Scan log: {Count} views could not be written", batch.Count);
            return true;
        }
        finally
        {
            if (keep)
            {
                unsent = batch;
            }
            else if (!written)
            {
                Forget(batch);
            }

            writing.Release();
        }
    }

    /// <summary>Logs the batch and adds <paramref name="counts"/> to the tags; returns the tags left uncounted because they were locked.</summary>
    private async Task<HashSet<long>> WriteAsync(List<TagScan> batch, Dictionary<long, long> counts, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Losing the last batch in a crash is acceptable; waiting for a disk flush per batch is not.
        await using (var relax = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction))
        {
            await relax.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY tag_scans (tag_id, scanned_at, client_hash, member_id, verdict, unknown_serial) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var scan in batch)
            {
                copy.StartRow();
                if (scan.TagId is { } tagId) { copy.Write(tagId, NpgsqlDbType.Bigint); } else { copy.WriteNull(); }
                copy.Write(scan.ScannedAt, NpgsqlDbType.TimestampTz);
                copy.Write(scan.ClientHash, NpgsqlDbType.Bytea);
                if (scan.MemberId is { } member) { copy.Write(member, NpgsqlDbType.Uuid); } else { copy.WriteNull(); }
                if (scan.Verdict is { } verdict) { copy.Write(verdict.ToString(), NpgsqlDbType.Varchar); } else { copy.WriteNull(); }
                if (scan.UnknownSerial is { } serial) { copy.Write(serial, NpgsqlDbType.Varchar); } else { copy.WriteNull(); }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // Tags locked by a registration in progress are skipped, not waited for: a registration locks its tag, then
        // other rows, then may take its tag's lock again more strongly; a writer queued on the tag between the two
        // would close a cycle. A tag that no longer exists is neither counted nor kept.
        var locked = new HashSet<long>();
        await using (var count = new NpgsqlCommand("""
            WITH wanted AS (SELECT * FROM unnest(@tags, @scans) AS c (tag_id, scans)),
            free AS (
                SELECT t.id, w.scans FROM tags t JOIN wanted w ON w.tag_id = t.id
                FOR NO KEY UPDATE OF t SKIP LOCKED),
            counted AS (
                UPDATE tags t SET scan_count = t.scan_count + free.scans FROM free WHERE t.id = free.id
                RETURNING t.id)
            SELECT w.tag_id FROM wanted w
            WHERE NOT EXISTS (SELECT 1 FROM counted c WHERE c.id = w.tag_id) AND EXISTS (SELECT 1 FROM tags t WHERE t.id = w.tag_id)
            """, connection, transaction))
        {
            count.Parameters.AddWithValue("tags", counts.Keys.ToArray());
            count.Parameters.AddWithValue("scans", counts.Values.ToArray());
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                locked.Add(reader.GetInt64(0));
            }
        }

        var unknown = batch.Where(s => s.UnknownSerial is not null).ToList();
        if (unknown.Count > 0)
        {
            await CountUnknownSerialsAsync(connection, transaction, unknown, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return locked;
    }

    /// <summary>
    /// One row per unknown serial instead of a search through the log: scans, first and last seen, and
    /// visitors counted through unknown_serial_visitors (one row per serial and visitor hash; the hash
    /// changes daily, so a visitor counts once a day). Sorted, so two nodes lock rows in the same order.
    /// </summary>
    private static async Task CountUnknownSerialsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<TagScan> unknown, CancellationToken cancellationToken)
    {
        await using var upsert = new NpgsqlCommand("""
            WITH seen AS (
                SELECT * FROM unnest(@serials, @hashes, @times, @formed) AS s(serial, client_hash, scanned_at, well_formed)),
            new_visitors AS (
                INSERT INTO unknown_serial_visitors (serial, client_hash)
                SELECT DISTINCT serial, client_hash FROM seen ORDER BY 1, 2
                ON CONFLICT DO NOTHING
                RETURNING serial)
            INSERT INTO unknown_serials AS u (serial, well_formed, scans, visitors, first_seen_at, last_seen_at)
            SELECT s.serial, bool_or(s.well_formed), count(*),
                   (SELECT count(*) FROM new_visitors n WHERE n.serial = s.serial), min(s.scanned_at), max(s.scanned_at)
            FROM seen s GROUP BY s.serial ORDER BY s.serial
            ON CONFLICT (serial) DO UPDATE SET scans = u.scans + excluded.scans, visitors = u.visitors + excluded.visitors,
                well_formed = u.well_formed OR excluded.well_formed,
                first_seen_at = LEAST(u.first_seen_at, excluded.first_seen_at), last_seen_at = GREATEST(u.last_seen_at, excluded.last_seen_at)
            """, connection, transaction);
        upsert.Parameters.AddWithValue("serials", unknown.Select(s => s.UnknownSerial!).ToArray());
        upsert.Parameters.AddWithValue("hashes", unknown.Select(s => s.ClientHash).ToArray());
        upsert.Parameters.AddWithValue("times", unknown.Select(s => s.ScannedAt).ToArray());
        upsert.Parameters.AddWithValue("formed", unknown.Select(s => s.WellFormed).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Forget(IEnumerable<TagScan> scans)
    {
        foreach (var tagId in scans.Select(s => s.TagId).OfType<long>())
        {
            Forget(tagId, 1);
        }
    }

    private void Forget(long tagId, long views)
    {
        if (unwritten.AddOrUpdate(tagId, 0, (_, n) => n - views) <= 0)
        {
            unwritten.TryRemove(KeyValuePair.Create(tagId, 0L));
        }
    }
}
