using Club.Application.Abstractions;
using Club.Domain.Collector;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Collector;

/// <summary>
/// The rules of the hidden "Collector" status in one place: which calendar year a moment belongs to
/// (the club's time zone, Club:Jobs:TimeZone), what a member's items of a year are worth, and the one
/// statement that grants the status. Used by the 1 January job and by every registration.
/// </summary>
public static class CollectorYears
{
    /// <summary>The calendar year of <paramref name="at"/> in the club's time zone: 20:30 UTC on 31 December is already 1 January in Moscow.</summary>
    public static int Of(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).Year;

    /// <summary>Midnight of 1 January of <paramref name="year"/> and of the next year, in the club's time zone.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) Bounds(int year, TimeZoneInfo zone) => (NewYear(year, zone), NewYear(year + 1, zone));

    private static DateTimeOffset NewYear(int year, TimeZoneInfo zone)
    {
        var midnight = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>
    /// Grants the status for <paramref name="year"/> to every member (or only <paramref name="member"/>)
    /// whose items registered in <paramref name="countedYear"/> are worth at least the threshold: the sum
    /// of the products' recommended prices (an item without a price counts 0) of the tags they own and
    /// registered in that year. A returned item has no owner, so it no longer counts. One statement; the
    /// key (member, year) makes it once, whoever runs it at the same time. Returns the members granted.
    /// </summary>
    public static Task<int> GrantAsync(
        IClubDb db, int year, int countedYear, CollectorGrant source, Guid? member, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, until) = Bounds(countedYear, zone);
        var (validFrom, validUntil) = Bounds(year, zone);
        var sourceName = source.ToString();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO collector_statuses (member_id, year, valid_from, valid_until, value, source, granted_at)
            SELECT t.owner_member_id, {year}, {validFrom}, {validUntil}, sum(coalesce(p.recommended_price, 0)), {sourceName}, {now}
            FROM tags t
            JOIN tag_batches b ON b.id = t.batch_id
            JOIN products p ON p.id = b.product_id
            CROSS JOIN collector_settings s
            WHERE t.owner_member_id IS NOT NULL AND ({member}::uuid IS NULL OR t.owner_member_id = {member})
              AND t.registered_at >= {from} AND t.registered_at < {until} AND s.enabled
            GROUP BY t.owner_member_id, s.threshold
            HAVING sum(coalesce(p.recommended_price, 0)) >= s.threshold
            ON CONFLICT (member_id, year) DO NOTHING
            """, cancellationToken);
    }

    /// <summary>The registration multiplier of a member whose status is open at <paramref name="now"/>, else 1.</summary>
    public static async Task<decimal> MultiplierAsync(IClubDb db, Guid member, DateTimeOffset now, CancellationToken cancellationToken) =>
        await (from c in db.CollectorStatuses
               from s in db.CollectorSettings
               where c.MemberId == member && c.ValidFrom <= now && c.ValidUntil > now && c.OpenedAt != null
               select (decimal?)s.Multiplier).FirstOrDefaultAsync(cancellationToken) ?? 1m;

    /// <summary>Whether the member holds the status at <paramref name="now"/> and has opened its benefits (exclusive gifts).</summary>
    public static IQueryable<CollectorStatus> OpenAt(IClubDb db, Guid member, DateTimeOffset now) =>
        db.CollectorStatuses.Where(c => c.MemberId == member && c.ValidFrom <= now && c.ValidUntil > now && c.OpenedAt != null);
}
