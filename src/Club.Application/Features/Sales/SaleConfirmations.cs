using System.Globalization;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Registration;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// Moves a claim to its next state and pays the seller when it is confirmed: when its buyer registers
/// the item (called inside the registration's transaction), when the buyer answers yes, when a program
/// manager approves or settles a dispute. Every move is a conditional UPDATE from an expected state and
/// the seller's credit has the key sale:{id}: however often this runs for a claim, the seller is paid once.
/// </summary>
public sealed class SaleConfirmations : ISaleConfirmations
{
    public const string SaleReference = "sale";

    /// <summary>The key of a sale's seller promotion bonus is this and the sale's id (the sale's own points: sale:{id}).</summary>
    public const string PromotionKeyPrefix = "sale-promotion:";

    public async Task ConfirmSaleOfTagAsync(IClubDb db, long tagId, Guid buyerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sale = await db.Sales.AsNoTracking()
            .SingleOrDefaultAsync(s => s.TagId == tagId && s.State == SaleState.AwaitingBuyer, cancellationToken);
        if (sale is not null)
        {
            var policy = await SalesPolicies.CurrentAsync(db, cancellationToken);
            await ConfirmAsync(db, sale, SaleState.AwaitingBuyer, buyerId, now, policy.WindowDays, cancellationToken);
        }
    }

    public async Task ReturnSalesOfTagAsync(IClubDb db, long tagId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var live = Sale.HoldingStates.Append(SaleState.Disputed).Select(s => s.ToString()).ToList();
        var returned = nameof(SaleState.Returned);
        var ids = await db.Database.SqlQuery<long>(
                $"UPDATE sales SET state = {returned} WHERE tag_id = {tagId} AND state = ANY({live}) RETURNING id AS \"Value\"")
            .ToListAsync(cancellationToken);
        foreach (var id in ids.Order())
        {
            // A sale whose points were never paid has nothing to reverse: the reversal then posts nothing.
            await PointsLedger.ReverseAsync(db, SaleReference, id.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
        }
    }

    /// <summary>
    /// Confirms and pays a claim in state <paramref name="from"/>, unless it must be held for review (see
    /// <see cref="HoldFlagAsync"/>) or it was recorded more than <paramref name="windowDays"/> ago (expired).
    /// </summary>
    public static async Task<SaleState> ConfirmAsync(
        IClubDb db, Sale sale, SaleState from, Guid buyerId, DateTimeOffset now, int windowDays, CancellationToken cancellationToken)
    {
        if (await HoldFlagAsync(db, sale.SellerId, buyerId, cancellationToken) is { } hold)
        {
            await MoveAsync(db, sale.Id, from, SaleState.Flagged, hold, cancellationToken, buyerId: buyerId);
            return SaleState.Flagged;
        }

        if (sale.RecordedAt < now.AddDays(-windowDays))
        {
            await MoveAsync(db, sale.Id, from, SaleState.Expired, sale.Flag, cancellationToken);
            return SaleState.Expired;
        }

        if (await MoveAsync(db, sale.Id, from, SaleState.Confirmed, sale.Flag, cancellationToken, confirmedAt: now, buyerId: buyerId))
        {
            await PayAsync(db, sale, now, cancellationToken);
        }

        return SaleState.Confirmed;
    }

    public const string ConfirmedMailTemplate = "SaleConfirmed";

    /// <summary>
    /// Why a claim about to be paid must wait for a program manager instead, or null: the buyer is the
    /// seller, or the seller's account is not active (suspended or deactivated since the claim was made).
    /// Every path that pays a claim asks this first, so a seller who is not active is never paid silently.
    /// </summary>
    public static async Task<SaleFlag?> HoldFlagAsync(IClubDb db, Guid sellerId, Guid buyerId, CancellationToken cancellationToken)
    {
        if (await IsSamePersonAsync(db, sellerId, buyerId, cancellationToken))
        {
            return SaleFlag.SelfPurchase;
        }

        var active = await db.Members.AnyAsync(m => m.Id == sellerId && m.SellerStatus == SellerStatus.Active, cancellationToken);
        return active ? null : SaleFlag.SellerNotActive;
    }

    /// <summary>
    /// The seller's credit for a confirmed claim (its points and its seller promotion's bonus, each under its
    /// own key), once per claim whoever calls it, and the seller's mail
    /// saying so (product and points), queued with the credit in the caller's transaction. A deactivated
    /// seller's points are frozen: the claim is confirmed all the same (the buyer's registration must not
    /// fail) and its credit is held, unposted and unmailed, until the reactivation pays it (<see cref="HeldSalesAsync"/>).
    /// </summary>
    public static async Task PayAsync(IClubDb db, Sale sale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Every confirmed claim passes here: collusion evidence is looked for now (the sale is paid all the
        // same) and again by the scan alert job, once the scan log has caught up.
        await SaleSuspicions.FindForSaleAsync(db, sale.Id, now, cancellationToken);
        var reference = sale.Id.ToString(CultureInfo.InvariantCulture);
        // Both under the sale as their source, so a return reverses the promotion's bonus with the sale's points.
        var postings = new List<PointsPosting>();
        if (sale.Points > 0)
        {
            postings.Add(new PointsPosting(sale.SellerId, sale.Points, PointsReason.SaleConfirmed, SaleReference, reference, $"sale:{sale.Id}"));
        }

        if (sale.PromotionPoints > 0)
        {
            postings.Add(new PointsPosting(sale.SellerId, sale.PromotionPoints, PointsReason.SellerPromotionBonus, SaleReference, reference,
                $"{PromotionKeyPrefix}{sale.Id}"));
        }

        LedgerResult result;
        try
        {
            result = await PointsLedger.PostAsync(db, postings, now, cancellationToken);
        }
        catch (PointsFrozenException)
        {
            // Held: nothing was written, and the claim's keys stay free for the reactivation.
            return;
        }

        if (postings.Count > 0 && result.Posted.Count == 0)
        {
            return;
        }

        await PartnerEvents.SaleConfirmedAsync(db, sale.Id, now, cancellationToken);
        if (postings.Count == 0)
        {
            return;
        }

        var product = await (
                from s in db.Sales
                join t in db.Tags on s.TagId equals t.Id
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                where s.Id == sale.Id
                select p.Name)
            .FirstOrDefaultAsync(cancellationToken);
        var values = new Dictionary<string, string>
        {
            ["Product"] = product ?? "",
            ["Points"] = (sale.Points + sale.PromotionPoints).ToString(CultureInfo.InvariantCulture),
        };
        await MailOutboxWriter.InsertAsync(db.Database, $"sale-confirmed:{sale.Id}", sale.SellerId, ConfirmedMailTemplate,
            JsonSerializer.Serialize(values), [], now, cancellationToken);
    }

    /// <summary>The seller's confirmed claims whose credit was held while the account was deactivated.</summary>
    public static Task<List<Sale>> HeldSalesAsync(IClubDb db, Guid sellerId, CancellationToken cancellationToken) =>
        db.Sales.FromSql($"""
                SELECT * FROM sales s
                WHERE s.seller_id = {sellerId} AND s.state = {nameof(SaleState.Confirmed)} AND s.points + s.promotion_points > 0
                  AND NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.idempotency_key IN ('sale:' || s.id, {PromotionKeyPrefix} || s.id))
                """)
            .AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>A seller must not earn points for buying from themselves: same account, phone or email.</summary>
    public static async Task<bool> IsSamePersonAsync(IClubDb db, Guid sellerId, Guid buyerId, CancellationToken cancellationToken) =>
        sellerId == buyerId || await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (
                SELECT 1 FROM users s JOIN users b
                  ON s.phone_number = b.phone_number OR s.normalized_email = b.normalized_email
                WHERE s.id = {sellerId} AND b.id = {buyerId}) AS "Value"
            """).SingleAsync(cancellationToken);

    /// <summary>
    /// Moves one claim from <paramref name="from"/> only: of two racing moves, one wins. A confirmation
    /// names the <paramref name="buyerId"/> it was confirmed for, who is then the one asked about it.
    /// </summary>
    public static async Task<bool> MoveAsync(
        IClubDb db, long saleId, SaleState from, SaleState to, SaleFlag flag, CancellationToken cancellationToken,
        DateTimeOffset? confirmedAt = null, DateTimeOffset? answeredAt = null, Guid? buyerId = null)
    {
        var (state, flagText, expected) = (to.ToString(), flag.ToString(), from.ToString());
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE sales SET state = {state}, flag = {flagText}, confirmed_at = coalesce({confirmedAt}, confirmed_at),
                buyer_answered_at = coalesce({answeredAt}, buyer_answered_at), buyer_id = coalesce({buyerId}, buyer_id)
            WHERE id = {saleId} AND state = {expected}
            """, cancellationToken) == 1;
    }
}
