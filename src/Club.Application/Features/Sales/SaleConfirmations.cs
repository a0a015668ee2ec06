using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Registration;
using Club.Domain.Points;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// Confirms a recorded sale when its buyer registers the item (called inside the registration's
/// transaction), or right away when the seller records a sale of an item already registered.
/// The sale moves with a conditional UPDATE and the seller's credit has the key sale:{id}: however
/// often this runs for a tag, the seller is paid once.
/// </summary>
public sealed class SaleConfirmations(SalesRules rules) : ISaleConfirmations
{
    public const string SaleReference = "sale";

    public async Task ConfirmSaleOfTagAsync(IClubDb db, long tagId, Guid buyerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sale = await db.Sales.AsNoTracking()
            .SingleOrDefaultAsync(s => s.TagId == tagId && s.State == SaleState.AwaitingBuyer, cancellationToken);
        if (sale is not null)
        {
            await ConfirmAsync(db, sale, buyerId, now, cancellationToken);
        }
    }

    public async Task<SaleState> ConfirmAsync(IClubDb db, Sale sale, Guid buyerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await IsSamePersonAsync(db, sale.SellerId, buyerId, cancellationToken))
        {
            await MoveAsync(db, sale.Id, SaleState.Flagged, SaleFlag.SelfPurchase, null, cancellationToken);
            return SaleState.Flagged;
        }

        if (sale.RecordedAt < now.AddDays(-rules.WindowDays))
        {
            await MoveAsync(db, sale.Id, SaleState.Expired, sale.Flag, null, cancellationToken);
            return SaleState.Expired;
        }

        if (await MoveAsync(db, sale.Id, SaleState.Confirmed, sale.Flag, now, cancellationToken))
        {
            await PointsLedger.PostAsync(db,
                new PointsPosting(sale.SellerId, sale.Points, PointsReason.SaleConfirmed, SaleReference, sale.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"sale:{sale.Id}"),
                now, cancellationToken);
        }

        return SaleState.Confirmed;
    }

    /// <summary>A seller must not earn points for buying from themselves: same account, phone or email.</summary>
    private static async Task<bool> IsSamePersonAsync(IClubDb db, Guid sellerId, Guid buyerId, CancellationToken cancellationToken) =>
        sellerId == buyerId || await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (
                SELECT 1 FROM users s JOIN users b
                  ON s.phone_number = b.phone_number OR s.normalized_email = b.normalized_email
                WHERE s.id = {sellerId} AND b.id = {buyerId}) AS "Value"
            """).SingleAsync(cancellationToken);

    private static async Task<bool> MoveAsync(IClubDb db, long saleId, SaleState to, SaleFlag flag, DateTimeOffset? confirmedAt, CancellationToken cancellationToken)
    {
        var (state, flagText, awaiting) = (to.ToString(), flag.ToString(), nameof(SaleState.AwaitingBuyer));
        return await db.Database.ExecuteSqlAsync(
            $"UPDATE sales SET state = {state}, flag = {flagText}, confirmed_at = {confirmedAt} WHERE id = {saleId} AND state = {awaiting}",
            cancellationToken) == 1;
    }
}
