using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points.Ledger;

/// <summary>Taking back everything posted for one source, e.g. the credits of a returned item.</summary>
public static partial class PointsLedger
{
    /// <summary>
    /// The sources that can be reversed: a registered item, a sale, a gift order, an order. Only their
    /// entries are in the index a reversal reads, so the jobs' entries (birthdays, surveys, expiry) cost
    /// no extra index write.
    /// </summary>
    public static readonly IReadOnlyList<string> ReversibleReferences = [TagReference, SaleReference, "gift-order", "order"];

    /// <summary>
    /// Reverses what every account still holds from the source <paramref name="referenceType"/>:<paramref name="referenceId"/>
    /// (the net of all its entries, earlier reversals included): one <see cref="PointsReason.Reversed"/> entry
    /// per account for minus that net, keyed reversal:{type}:{id}:{account}[:round], so a second or parallel
    /// reversal finds nothing left and posts nothing, while credits posted after a reversal (the item
    /// registered again, then returned again) are taken back by the next one. Taking back spends the account's lots oldest first; what the balance cannot cover becomes
    /// the account's debt (the balance never goes negative), settled by its next credits. Giving back (a
    /// source that debited) is a credit with the current lifetime. Returns the accounts reversed now.
    /// Runs in the caller's transaction, or in its own.
    /// </summary>
    public static async Task<int> ReverseAsync(
        IClubDb db, string referenceType, string referenceId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!ReversibleReferences.Contains(referenceType))
        {
            throw new ArgumentException($"Only sources of kinds {string.Join(", ", ReversibleReferences)} can be reversed.", nameof(referenceType));
        }

        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using var _ = own;
        var reason = nameof(PointsReason.Reversed);

        // Lock the accounts first, in a fixed order: a parallel reversal of the same source waits here,
        // and the next statement (a new snapshot) then sees its entries and finds the keys taken.
        // The kind is written as a literal (it is one of the constants above): with a parameter the
        // planner could not use the partial index that holds only reversible sources.
        await db.Database.SqlQuery<int>(FormattableStringFactory.Create($$"""
            SELECT count(*)::int AS "Value" FROM (
                SELECT b.member_id FROM points_balances b
                WHERE b.member_id IN (SELECT e.member_id FROM points_entries e WHERE e.reference_type = '{{referenceType}}' AND e.reference_id = {0})
                ORDER BY b.member_id
                FOR UPDATE OF b) locked
            """, referenceId)).ToListAsync(cancellationToken);

        var rows = await db.Database.SqlQuery<PostedRow>(FormattableStringFactory.Create($$"""
            WITH net AS (
                SELECT member_id, -sum(amount)::int AS amount, count(*) FILTER (WHERE reason = {3}) AS rounds
                FROM points_entries
                WHERE reference_type = '{{referenceType}}' AND reference_id = {1}
                GROUP BY member_id HAVING sum(amount) <> 0),
            entry AS (
                INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                SELECT member_id, amount, {3}, {0}, {1},
                       'reversal:' || {0} || ':' || {1} || ':' || member_id || CASE WHEN rounds = 0 THEN '' ELSE ':' || (rounds + 1) END, {2}
                FROM net
                ORDER BY member_id
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, member_id, amount, reference_type, reference_id, idempotency_key),
            debit AS (
                SELECT e.member_id, -e.amount AS wanted, least(b.balance, -e.amount) AS amount
                FROM entry e JOIN points_balances b ON b.member_id = e.member_id
                WHERE e.amount < 0),
            {{SpendSql("debit")}},
            lot AS (
                INSERT INTO points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at, partner_id, batch_id)
                SELECT e.id, e.member_id, e.amount, e.amount, {2}, {{LotExpiry.Sql("{2}", "NULL::int")}}, src.partner_id, src.batch_id
                FROM entry e
                {{LotSource.JoinSql("e")}}
                WHERE e.amount > 0),
            balance AS (
                UPDATE points_balances b
                SET balance = b.balance + CASE WHEN e.amount > 0 THEN e.amount ELSE -d.amount END,
                    debt = b.debt + COALESCE(d.wanted - d.amount, 0),
                    updated_at = {2}
                FROM entry e LEFT JOIN debit d ON d.member_id = e.member_id
                WHERE b.member_id = e.member_id
                RETURNING b.member_id, b.balance, b.debt)
            SELECT idempotency_key AS key, NULL::uuid AS debtor FROM entry
            UNION ALL SELECT NULL, member_id FROM balance WHERE debt > 0 AND balance > 0
            """, referenceType, referenceId, now, reason)).ToListAsync(cancellationToken);

        var debtors = rows.Where(r => r.Debtor is not null).Select(r => r.Debtor!.Value).ToArray();
        if (debtors.Length > 0)
        {
            await SettleDebtsAsync(db, debtors, now, cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return rows.Count(r => r.Key is not null);
    }
}
