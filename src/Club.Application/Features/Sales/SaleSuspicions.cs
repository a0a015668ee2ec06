using Club.Application.Abstractions;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// Looks for collusion between the seller and the buyer of confirmed sales and records what it finds as
/// <see cref="SaleSuspicion"/>s for the "Sales to review" queue; the sale stays confirmed and paid. The
/// evidence (<see cref="SaleSuspicion.Kinds"/>):
/// the buyer's phone is the phone of the seller's shop (the buyer's own account phone equal to the
/// seller's is a self-purchase, held before paying); the buyer and the seller opened scan pages with the
/// same visitor hash (address and browser under a daily salt, so: one device and network on one day)
/// between the day before the sale was recorded and its confirmation; the buyer registered
/// <c>repeat_buyer_items</c> or more items sold by this seller within <c>repeat_buyer_hours</c> (the scan
/// alert settings). An email domain is never evidence: every mail.ru user shares one.
/// Runs when a sale is paid and again from the scan alert job for the sales confirmed in its window (the
/// scan log is written in batches, so a visitor hash may be logged only after the confirmation).
/// Inserts ON CONFLICT DO NOTHING: evidence found twice is recorded once. Returns the new rows.
/// </summary>
public static class SaleSuspicions
{
    /// <summary>The evidence on one sale (just confirmed).</summary>
    public static Task<int> FindForSaleAsync(IClubDb db, long saleId, DateTimeOffset now, CancellationToken cancellationToken) =>
        FindAsync(db, saleId, null, null, now, cancellationToken);

    /// <summary>The evidence on the sales confirmed in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static Task<int> FindConfirmedBetweenAsync(IClubDb db, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken) =>
        FindAsync(db, null, from, to, now, cancellationToken);

    private static Task<int> FindAsync(IClubDb db, long? saleId, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var confirmed = nameof(SaleState.Confirmed);
        var (phone, visitor, repeat) = (nameof(SaleFlag.SharedPhone), nameof(SaleFlag.SharedVisitor), nameof(SaleFlag.RepeatBuyer));
        // Shop phones are free text ("+7 (495) 123-45-67"): their last ten digits are compared with those of
        // the buyer's E.164 phone. Scans are found through the signed-in visitors' index (member, time).
        return db.Database.ExecuteSqlAsync($"""
            WITH s AS (
                SELECT id, seller_id, buyer_id, shop_id, recorded_at, confirmed_at FROM sales
                WHERE state = {confirmed} AND buyer_id IS NOT NULL AND buyer_id <> seller_id
                  AND ({saleId}::bigint IS NULL OR id = {saleId})
                  AND ({from}::timestamptz IS NULL OR confirmed_at >= {from}) AND ({to}::timestamptz IS NULL OR confirmed_at < {to})),
            found AS (
                SELECT s.id AS sale_id, {phone} AS kind, 1 AS n FROM s
                JOIN users b ON b.id = s.buyer_id
                JOIN shops sh ON sh.id = s.shop_id
                WHERE length(regexp_replace(sh.phone, '\D', '', 'g')) >= 10
                  AND right(regexp_replace(sh.phone, '\D', '', 'g'), 10) = right(b.phone_number, 10)
                UNION ALL
                SELECT s.id, {visitor}, count(DISTINCT a.client_hash)::int FROM s
                JOIN tag_scans a ON a.member_id = s.seller_id
                  AND a.scanned_at >= s.recorded_at - interval '1 day' AND a.scanned_at <= s.confirmed_at
                JOIN tag_scans b ON b.member_id = s.buyer_id AND b.client_hash = a.client_hash
                  AND b.scanned_at >= s.recorded_at - interval '1 day' AND b.scanned_at <= s.confirmed_at
                GROUP BY s.id
                UNION ALL
                SELECT s.id, {repeat}, count(*)::int FROM s
                CROSS JOIN scan_alert_settings c
                JOIN sales o ON o.seller_id = s.seller_id AND o.buyer_id = s.buyer_id AND o.state = {confirmed}
                  AND o.confirmed_at > s.confirmed_at - make_interval(hours => c.repeat_buyer_hours) AND o.confirmed_at <= s.confirmed_at
                GROUP BY s.id, c.repeat_buyer_items HAVING count(*) >= c.repeat_buyer_items)
            INSERT INTO sale_suspicions (sale_id, kind, count, found_at)
            SELECT sale_id, kind, n, {now} FROM found ORDER BY sale_id, kind
            ON CONFLICT (sale_id, kind) DO NOTHING
            """, cancellationToken);
    }
}
