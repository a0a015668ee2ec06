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
    /// Appends the entry, its lot (for a credit) and the new balance. Returns false
    /// when the idempotency key was used before: nothing is written and the earlier result stands.
    /// A debit that would take the balance below zero fails on the balance's check constraint.
    /// Debits do not consume lots yet; spending (the gift catalogue) will take the oldest lots first.
    /// </summary>
    public static async Task<bool> PostAsync(IClubDb db, PointsPosting posting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (posting.Amount == 0)
        {
            throw new ArgumentException("A ledger entry moves at least one point.", nameof(posting));
        }

        var expires = PointsLot.ExpiryFor(now);
        var reason = posting.Reason.ToString();
        // The balance row must exist before the entry: an upsert's insert half would check a debit's
        // negative amount against the constraint before noticing the conflict.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO points_balances (member_id, balance, updated_at) VALUES ({posting.MemberId}, 0, {now}) ON CONFLICT (member_id) DO NOTHING",
            cancellationToken);
        var written = await db.Database.ExecuteSqlAsync($"""
            WITH entry AS (
                INSERT INTO points_entries (member_id, amount, reason, reference_type, reference_id, idempotency_key, created_at)
                VALUES ({posting.MemberId}, {posting.Amount}, {reason}, {posting.ReferenceType}, {posting.ReferenceId}, {posting.IdempotencyKey}, {now})
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, member_id, amount),
            lot AS (
                INSERT INTO points_lots (entry_id, member_id, amount, remaining, earned_at, expires_at)
                SELECT id, member_id, amount, amount, {now}, {expires} FROM entry WHERE amount > 0)
            UPDATE points_balances b SET balance = b.balance + entry.amount, updated_at = {now}
            FROM entry WHERE b.member_id = entry.member_id
            """, cancellationToken);
        return written == 1;
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
