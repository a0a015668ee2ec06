using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points.Ledger;

/// <summary>What went into and out of an account in a period (reports): the journal's entries, summed.</summary>
public sealed record AccountTotals(Guid AccountId, int Credited, int Debited);

/// <summary>The read side for reports: sums of the journal, never a balance of its own.</summary>
public static partial class PointsLedger
{
    /// <summary>
    /// Per account, the credits and the debits (as a positive number) journalled from <paramref name="from"/>
    /// (included) to <paramref name="to"/> (excluded); an account without entries in the period has zeros.
    /// Reads the index on points_entries (member_id, created_at) INCLUDE (amount).
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, AccountTotals>> TotalsAsync(
        IClubDb db, IReadOnlyCollection<Guid> accounts, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var ids = accounts.Distinct().ToArray();
        var rows = await db.Database.SqlQuery<AccountTotals>($"""
            SELECT a.id AS account_id,
                coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0)::int AS credited,
                coalesce(-sum(e.amount) FILTER (WHERE e.amount < 0), 0)::int AS debited
            FROM unnest({ids}) AS a(id)
            LEFT JOIN points_entries e ON e.member_id = a.id AND e.created_at >= {from} AND e.created_at < {to}
            GROUP BY a.id
            """).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.AccountId);
    }
}
