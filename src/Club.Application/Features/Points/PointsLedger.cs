using Club.Application.Abstractions;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>One movement to write: who, how much, why, about what, and the key that makes it happen once.</summary>
public sealed record PointsPosting(
    Guid MemberId, int Amount, PointsReason Reason, string ReferenceType, string ReferenceId, string IdempotencyKey);

/// <summary>
/// Writes ledger entries inside the caller's transaction, so a registration and its credits commit or
/// fail together. Not a use case of its own: handlers that move points call it.
/// </summary>
public static class PointsLedger
{
    public const string TagReference = "tag";
    public const string MemberReference = "member";

    /// <summary>
    /// Appends the entry, its lot (for a credit) and the new balance. Returns false when the
    /// idempotency key was used before: nothing is written and the earlier result stands.
    /// A debit that would take the balance below zero fails on the balance's check constraint.
    /// Debits do not consume lots yet; spending (the gift catalogue) will take the oldest lots first.
    /// </summary>
    public static async Task<bool> PostAsync(IClubDb db, PointsPosting posting, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await PostAsync(db, [posting], now, cancellationToken, balanceRowsExist: false)).Count == 1;

    /// <summary>
    /// Appends several entries in one statement, in the given order, and returns the keys that were
    /// new (the others had been posted before). <paramref name="balanceRowsExist"/> skips creating the
    /// members' balance rows when the caller has just seen them.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PostAsync(
        IClubDb db, IReadOnlyList<PointsPosting> postings, DateTimeOffset now, CancellationToken cancellationToken, bool balanceRowsExist = false)
    {
        if (postings.Count == 0)
        {
            return [];
        }

        if (postings.Any(p => p.Amount == 0))
        {
            throw new ArgumentException("A ledger entry moves at least one point.", nameof(postings));
        }

        var members = postings.Select(p => p.MemberId).ToArray();
        if (!balanceRowsExist)
        {
            // The balance row must exist before the entries: an upsert's insert half would check a
            // debit's negative amount against the constraint before noticing the conflict.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO points_balances (member_id, balance, updated_at) SELECT DISTINCT m, 0, {now} FROM unnest({members}) AS m ON CONFLICT (member_id) DO NOTHING",
                cancellationToken);
        }

        var amounts = postings.Select(p => p.Amount).ToArray();
        var reasons = postings.Select(p => p.Reason.ToString()).ToArray();
        var referenceTypes = postings.Select(p => p.ReferenceType).ToArray();
        var referenceIds = postings.Select(p => p.ReferenceId).ToArray();
        var keys = postings.Select(p => p.IdempotencyKey).ToArray();
        var expires = PointsLot.ExpiryFor(now);

        // One round trip: entries, their lots and the balances move together or not at all. Entries
        // go in array order, so callers control the order in which keys are taken.
        return await db.Database.SqlQuery<string>($"""
            WITH entry AS (
                INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                SELECT m, a, r, rt, ri, k, {now}
                FROM unnest({members}, {amounts}, {reasons}, {referenceTypes}, {referenceIds}, {keys}) WITH ORDINALITY AS p(m, a, r, rt, ri, k, n)
                ORDER BY n
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, member_id, amount, idempotency_key),
            lot AS (
                INSERT INTO points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at)
                SELECT id, member_id, amount, amount, {now}, {expires} FROM entry WHERE amount > 0),
            balance AS (
                UPDATE points_balances b SET balance = b.balance + t.total, updated_at = {now}
                FROM (SELECT member_id, sum(amount) AS total FROM entry GROUP BY member_id) t
                WHERE b.member_id = t.member_id)
            SELECT idempotency_key AS "Value" FROM entry
            """).ToListAsync(cancellationToken);
    }

    /// <summary>The points an item of the product earns: its product rule, else its collection's, else its catalogue points.</summary>
    public static Task<int> PointsForProductAsync(IClubDb db, int productId, CancellationToken cancellationToken) =>
        db.Products
            .Where(p => p.Id == productId)
            .Select(p =>
                db.PointsRules.Where(r => r.Kind == PointsRuleKind.Product && r.ProductId == p.Id).Select(r => (int?)r.Points).FirstOrDefault()
                ?? db.PointsRules.Where(r => r.Kind == PointsRuleKind.Collection && r.Collection == p.Collection).Select(r => (int?)r.Points).FirstOrDefault()
                ?? p.Points)
            .SingleAsync(cancellationToken);

    public static async Task<int> FirstItemBonusAsync(IClubDb db, CancellationToken cancellationToken) =>
        await db.PointsRules.Where(r => r.Kind == PointsRuleKind.FirstItemBonus).Select(r => (int?)r.Points).FirstOrDefaultAsync(cancellationToken) ?? 0;
}
