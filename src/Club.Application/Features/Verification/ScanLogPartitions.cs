using System.Globalization;
using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>
/// The scan log's settings (Club:ScanLog): how many months of scans to keep and how many months of
/// partitions to create ahead.
/// </summary>
public sealed class ScanLogRules
{
    /// <summary>Whole months of scans kept before the current one; 0 keeps every month.</summary>
    public int RetentionMonths { get; set; } = 24;

    /// <summary>Months after the current one whose partitions exist before their first scan.</summary>
    public int MonthsAhead { get; set; } = 3;
}

/// <summary>
/// <c>tag_scans</c> is partitioned by month of <c>scanned_at</c> (UTC): <c>tag_scans_pYYYYMM</c> holds
/// [first of the month, first of the next), and <c>tag_scans_default</c> catches any scan outside them
/// (a clock far off, or test data), so a write never fails for want of a partition. Dropping a month is
/// one DROP TABLE; the per-tag counts live on the tags (<c>scan_count</c>) and are not touched.
/// </summary>
public static class ScanLogPartitions
{
    public const string Prefix = "tag_scans_p";
    public const string Default = "tag_scans_default";

    public static DateTimeOffset MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    public static string NameOf(DateTimeOffset month) => Prefix + month.ToString("yyyyMM", CultureInfo.InvariantCulture);

    /// <summary>The monthly partitions that exist, by month, oldest first.</summary>
    public static async Task<IReadOnlyList<DateTimeOffset>> MonthsAsync(IClubDb db, CancellationToken cancellationToken)
    {
        var names = await db.Database.SqlQuery<string>($"""
                SELECT c.relname::text AS "Value" FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                WHERE p.relname = 'tag_scans' AND c.relname LIKE 'tag\_scans\_p%'
                """)
            .ToListAsync(cancellationToken);
        return names
            .Select(n => DateTimeOffset.ParseExact(n[Prefix.Length..] + "01", "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            .Select(MonthOf).Order().ToList();
    }

    /// <summary>
    /// Creates the month's partition if it is missing, moving into it any of its scans the default
    /// partition caught (a partition cannot be attached over rows the default holds). Returns whether it was new.
    /// </summary>
    public static async Task<bool> CreateAsync(IClubDb db, DateTimeOffset month, CancellationToken cancellationToken)
    {
        month = MonthOf(month);
        var name = NameOf(month);
        var (from, to) = (Bound(month), Bound(month.AddMonths(1)));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One creator at a time (two nodes, or a test beside the job): the second finds the table there.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('tag_scans partitions'))", cancellationToken);
        if ((await MonthsAsync(db, cancellationToken)).Contains(month))
        {
            return false;
        }

        // Names and bounds are made here from a date, never from input: DDL (which takes no parameters) is safe.
        var ddl = $"""
            CREATE TABLE {name} (LIKE tag_scans INCLUDING DEFAULTS);
            WITH moved AS (DELETE FROM {Default} WHERE scanned_at >= '{from}' AND scanned_at < '{to}' RETURNING *)
            INSERT INTO {name} SELECT * FROM moved;
            ALTER TABLE tag_scans ATTACH PARTITION {name} FOR VALUES FROM ('{from}') TO ('{to}');
            """;
        await db.Database.ExecuteSqlRawAsync(ddl, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Drops the month's partition (its scans with it). Returns whether there was one.</summary>
    public static async Task<bool> DropAsync(IClubDb db, DateTimeOffset month, CancellationToken cancellationToken)
    {
        month = MonthOf(month);
        if (!(await MonthsAsync(db, cancellationToken)).Contains(month))
        {
            return false;
        }

        var drop = "DROP TABLE IF EXISTS " + NameOf(month);
        await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
        return true;
    }

    private static string Bound(DateTimeOffset month) => month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+00";
}
