using System.Linq.Expressions;
using Club.Application.Abstractions;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// A claim to insert: who says they sold which tag, and the state it starts in; BuyerId: the item's owner
/// now, if registered; Cycle: the tag's current time on sale (<see cref="SaleClaims.CycleAsync"/>).
/// </summary>
public sealed record SaleClaim(
    long TagId, Guid SellerId, int ShopId, int PartnerId, SellerSaleTerms Terms, SaleState State, SaleFlag Flag, bool NamedByBuyer, Guid? BuyerId, int Cycle);

/// <summary>
/// The statements every new claim goes through, whether the seller records it or the buyer names the
/// seller: the tag's lock, its time on sale, stale claims expired, the seller's daily cap and the insert
/// that the unique indexes guard.
/// </summary>
public static class SaleClaims
{
    /// <summary>
    /// Locks the tag's row for the rest of the transaction, so what the caller reads next about the tag
    /// (owner, registration, its claims) stays true until it commits: a registration, a return or another
    /// verdict on the item waits. <paramref name="exclusive"/>: also one such caller at a time (naming a
    /// seller, settling a dispute); shared lets sellers' parallel records proceed and the unique index decides.
    /// </summary>
    public static Task LockTagAsync(IClubDb db, long tagId, bool exclusive, CancellationToken cancellationToken) =>
        exclusive
            ? db.Database.ExecuteSqlAsync($"SELECT 1 FROM tags WHERE id = {tagId} FOR UPDATE", cancellationToken)
            : db.Database.ExecuteSqlAsync($"SELECT 1 FROM tags WHERE id = {tagId} FOR SHARE", cancellationToken);

    /// <summary>The tag's current time on sale: how many times the item was returned to a shop.</summary>
    public static Task<int> CycleAsync(IClubDb db, long tagId, CancellationToken cancellationToken) =>
        db.ItemOwnerChanges.CountAsync(c => c.TagId == tagId && c.Kind == OwnerChangeKind.Returned, cancellationToken);

    /// <summary>
    /// Expires the claims waiting past their time (the registration window, the answer days), of one tag
    /// or, with null, of all: the hourly job does all, and a new claim first does its tag's, so a claim
    /// the job has not reached yet does not hold the item. Set-based, so a second run changes nothing.
    /// </summary>
    public static Task<int> ExpireStaleAsync(IClubDb db, SalesPolicy policy, DateTimeOffset now, long? tagId, CancellationToken cancellationToken)
    {
        var (registrationCutoff, answerCutoff) = (now.AddDays(-policy.WindowDays), now.AddDays(-policy.AnswerDays));
        var (expired, awaitingBuyer, awaitingAnswer) = (nameof(SaleState.Expired), nameof(SaleState.AwaitingBuyer), nameof(SaleState.AwaitingConfirmation));
        return tagId is { } tag
            ? db.Database.ExecuteSqlAsync($"""
                UPDATE sales SET state = {expired}
                WHERE tag_id = {tag} AND ((state = {awaitingBuyer} AND recorded_at < {registrationCutoff})
                                          OR (state = {awaitingAnswer} AND recorded_at < {answerCutoff}))
                """, cancellationToken)
            : db.Database.ExecuteSqlAsync($"""
                UPDATE sales SET state = {expired}
                WHERE (state = {awaitingBuyer} AND recorded_at < {registrationCutoff})
                   OR (state = {awaitingAnswer} AND recorded_at < {answerCutoff})
                """, cancellationToken);
    }

    /// <summary>
    /// Claims that hold their item at <paramref name="now"/>: in a holding state and not past their time,
    /// so a claim the expiry job has not reached yet no longer holds the item for readers either.
    /// </summary>
    public static Expression<Func<Sale, bool>> Holding(SalesPolicy policy, DateTimeOffset now)
    {
        var (registrationCutoff, answerCutoff) = (now.AddDays(-policy.WindowDays), now.AddDays(-policy.AnswerDays));
        return s => s.State == SaleState.Confirmed || s.State == SaleState.Flagged
                    || (s.State == SaleState.AwaitingBuyer && s.RecordedAt >= registrationCutoff)
                    || (s.State == SaleState.AwaitingConfirmation && s.RecordedAt >= answerCutoff);
    }

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
    /// state), or this seller has claimed the tag in this cycle. A racing insert is waited for, so the answer is final.
    /// </summary>
    public static async Task<long?> InsertAsync(IClubDb db, SaleClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (state, flag) = (claim.State.ToString(), claim.Flag.ToString());
        DateTimeOffset? confirmedAt = claim.State == SaleState.Confirmed ? now : null;
        DateTimeOffset? answeredAt = claim.NamedByBuyer ? now : null;
        var ids = await db.Database.SqlQuery<long>($"""
            INSERT INTO sales (tag_id, seller_id, shop_id, partner_id, recorded_at, state, flag, points, promotion_id, promotion_points,
                               confirmed_at, buyer_answered_at, named_by_buyer, buyer_id, cycle)
            VALUES ({claim.TagId}, {claim.SellerId}, {claim.ShopId}, {claim.PartnerId}, {now}, {state}, {flag},
                    {claim.Terms.Points}, {claim.Terms.PromotionId}, {claim.Terms.PromotionPoints},
                    {confirmedAt}, {answeredAt}, {claim.NamedByBuyer}, {claim.BuyerId}, {claim.Cycle})
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
