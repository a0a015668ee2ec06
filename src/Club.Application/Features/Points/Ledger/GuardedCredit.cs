using Club.Application.Abstractions;

namespace Club.Application.Features.Points.Ledger;

/// <summary>
/// The shape every one-time activity credit shares: a guard statement (insert the claim or entry, or
/// move it out of its waiting state) and the credits, in one transaction; the credits are written only
/// when the guard took a row, so of parallel attempts exactly one pays.
/// </summary>
internal static class GuardedCredit
{
    /// <summary>True when the guard took its row and the credits (if any) were committed.</summary>
    public static async Task<bool> PostAsync(IClubDb db, LedgerGuard guard, IReadOnlyList<PointsPosting> postings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await PointsLedger.PostAsync(db, postings, now, cancellationToken, guard: guard);
        if (!result.Guarded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
