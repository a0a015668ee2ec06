using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;

namespace Club.Application.Features.Points;

/// <summary>Posts a staff correction to the ledger: the same step for one posted at once and one an Admin approved.</summary>
internal static class AdjustmentPosting
{
    /// <summary>
    /// Writes the correction's entry (key adjustment:{id}, so at most once) in the caller's transaction, or
    /// says why not: a debit larger than the balance is refused, a balance never goes below zero.
    /// </summary>
    public static async Task<UserMessage?> PostAsync(IClubDb db, PointsAdjustment adjustment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (adjustment.Amount < 0)
        {
            // Under the balance row's lock, so a gift order placed at the same moment cannot slip between.
            var balance = (await PointsLedger.LockBalancesAsync(db, [adjustment.MemberId], cancellationToken)).GetValueOrDefault(adjustment.MemberId);
            if (balance < -adjustment.Amount)
            {
                return new UserMessage("The member has {0} points: a debit cannot take the balance below zero.", [balance]);
            }
        }

        await PointsLedger.PostAsync(db,
            new PointsPosting(adjustment.MemberId, adjustment.Amount, PointsReason.Correction, PointsAdjustment.ReferenceType,
                adjustment.Id.ToString("D", CultureInfo.InvariantCulture), adjustment.EntryKey),
            now, cancellationToken);
        return null;
    }
}
