using Club.Application.Abstractions;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>A claim to insert: who says they sold which tag, and the state it starts in; BuyerId: the item's owner now, if registered.</summary>
public sealed record SaleClaim(long TagId, Guid SellerId, int ShopId, int PartnerId, int Points, SaleState State, SaleFlag Flag, bool NamedByBuyer, Guid? BuyerId);

/// <summary>
/// The two statements every new claim goes through, whether the seller records it or the buyer names the
/// seller: the seller's daily cap and the insert that the unique indexes guard.
/// </summary>
public static class SaleClaims
{
    /// <summary>
    /// Whether the seller has made <paramref name="cap"/> claims in the last 24 hours (waiting, declined and
    /// disputed ones count). Call inside the transaction that inserts: one seller's claims queue on her row
    /// (on every node), so parallel posts cannot all see 49 and all insert. NO KEY UPDATE leaves foreign-key checks free.
    /// </summary>
    public static async Task<bool> OverDailyCapAsync(IClubDb db, Guid sellerId, int cap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM members WHERE id = {sellerId} FOR NO KEY UPDATE", cancellationToken);
        return await db.Sales.CountAsync(s => s.SellerId == sellerId && s.RecordedAt > now.AddDays(-1), cancellationToken) >= cap;
    }

    /// <summary>
    /// Inserts the claim; null when a unique index refused it: another claim holds the tag (for a holding
    /// state), or this seller has claimed the tag before. A racing insert is waited for, so the answer is final.
    /// </summary>
    public static async Task<long?> InsertAsync(IClubDb db, SaleClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (state, flag) = (claim.State.ToString(), claim.Flag.ToString());
        DateTimeOffset? confirmedAt = claim.State == SaleState.Confirmed ? now : null;
        DateTimeOffset? answeredAt = claim.NamedByBuyer ? now : null;
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO sales (tag_id, seller_id, shop_id, partner_id, recorded_at, state, flag, points, confirmed_at, buyer_answered_at, named_by_buyer, buyer_id)
            VALUES ({claim.TagId}, {claim.SellerId}, {claim.ShopId}, {claim.PartnerId}, {now}, {state}, {flag}, {claim.Points},
                    {confirmedAt}, {answeredAt}, {claim.NamedByBuyer}, {claim.BuyerId})
            ON CONFLICT DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>How a seller is shown to buyers: the first word of the name they gave.</summary>
    public static string FirstName(string fullName)
    {
        var trimmed = fullName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? trimmed : trimmed[..space];
    }
}
