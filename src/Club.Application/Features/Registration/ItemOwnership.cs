using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Domain.Tags;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// A change of a registered item's owner. <paramref name="ToMemberId"/> null means the item went back
/// to the shop (a return): it has no owner and is on sale again. With <paramref name="MovePoints"/> the
/// points the old owner holds from the item go to the new owner, except a first-item bonus; otherwise
/// they stay where they were earned. The bonus never moves and owning items does not decide it: a
/// member is offered it until one has been posted to them (<see cref="Tags.TagTerms.FirstItemBonusKey"/>),
/// so a giver left with no item gets no second one and a receiver still gets hers with her own first registration.
/// </summary>
public sealed record OwnerChange(long TagId, Guid? ToMemberId, OwnerChangeKind Kind, string Reason, bool MovePoints, Guid ChangedBy);

public enum OwnerChangeOutcome
{
    Changed,

    /// <summary>Nobody owns the item (never registered, returned, withdrawn): there is no owner to change.</summary>
    NotRegistered,

    /// <summary>The new owner already owns it (a double click finds its first click done).</summary>
    AlreadyOwner,
    NoSuchMember,

    /// <summary>The points were to move, but the old owner has spent some of them: nothing changed.</summary>
    PointsAlreadySpent,
}

public sealed record OwnerChangeResult(OwnerChangeOutcome Outcome, Guid? FromMemberId = null, long ChangeId = 0, int PointsMoved = 0)
{
    public bool Succeeded => Outcome == OwnerChangeOutcome.Changed;

    /// <summary>The message key the page shows.</summary>
    public string Message => Outcome switch
    {
        OwnerChangeOutcome.Changed => "The item's owner is changed.",
        OwnerChangeOutcome.NotRegistered => "Nobody owns this item: it is not registered.",
        OwnerChangeOutcome.AlreadyOwner => "This member already owns the item.",
        OwnerChangeOutcome.NoSuchMember => "No member has this email or phone.",
        _ => "The owner has already spent points earned with this item, so they cannot move with it. Reassign the item without its points, or correct the points separately.",
    };
}

/// <summary>
/// The one operation that changes an item's owner: staff reassigning an item, a return to the shop and
/// an owner's own transfer all call it, and it writes the one history (<see cref="ItemOwnerChange"/>).
/// Runs in the caller's transaction, so the caller's other writes (a return's reversals and new code)
/// commit with it.
/// </summary>
public static class ItemOwnership
{
    /// <summary>
    /// Locks the tag, checks it has an owner and the change makes sense, moves the item's points when
    /// asked (only if the old owner still holds them all: a balance never goes below zero), sets the new
    /// owner (or, for a return, puts the tag back on sale) and records the change.
    /// </summary>
    public static async Task<OwnerChangeResult> ChangeAsync(IClubDb db, OwnerChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An owner change runs inside the caller's transaction.");
        }

        // The tag's row lock orders every change of this item: a second click waits, then sees the new owner.
        var owner = (await db.Database.SqlQuery<Guid?>(
                $"SELECT owner_member_id AS \"Value\" FROM tags WHERE id = {change.TagId} AND state = {(short)TagState.Registered} FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (owner is not { } oldOwner)
        {
            return new(OwnerChangeOutcome.NotRegistered);
        }

        if (change.ToMemberId == oldOwner)
        {
            return new(OwnerChangeOutcome.AlreadyOwner, oldOwner);
        }

        if (change.ToMemberId is { } to && !await db.Members.AnyAsync(m => m.Id == to, cancellationToken))
        {
            return new(OwnerChangeOutcome.NoSuchMember, oldOwner);
        }

        var reference = change.TagId.ToString(CultureInfo.InvariantCulture);
        var points = 0;
        DateTimeOffset? expiresAt = null;
        if (change.MovePoints && change.ToMemberId is not null)
        {
            points = await MovablePointsAsync(db, oldOwner, reference, cancellationToken);
            if (points > 0)
            {
                var balances = await PointsLedger.LockBalancesAsync(db, [oldOwner, change.ToMemberId.Value], cancellationToken);
                if (balances.GetValueOrDefault(oldOwner) < points)
                {
                    return new(OwnerChangeOutcome.PointsAlreadySpent, oldOwner);
                }

                // The moved points keep the expiry of the item's first credit: a move is no new lifetime.
                expiresAt = await (
                        from l in db.PointsLots
                        join e in db.PointsEntries on l.EntryId equals e.Id
                        where e.MemberId == oldOwner && e.ReferenceType == PointsLedger.TagReference && e.ReferenceId == reference
                              && e.Amount > 0 && e.Reason != PointsReason.FirstItemBonus
                        select (DateTimeOffset?)l.ExpiresAt)
                    .MinAsync(cancellationToken);
            }
        }

        var history = new ItemOwnerChange
        {
            TagId = change.TagId,
            FromMemberId = oldOwner,
            ToMemberId = change.ToMemberId,
            Kind = change.Kind,
            Reason = change.Reason,
            PointsMoved = Math.Max(0, points),
            ChangedBy = change.ChangedBy,
            ChangedAt = now,
        };
        db.ItemOwnerChanges.Add(history);
        await db.SaveChangesAsync(cancellationToken);

        if (history.PointsMoved > 0)
        {
            // Both entries keep the tag as their source, so a later return takes the points back from
            // whoever holds them then (the old owner's net from the tag is zero after the move).
            await PointsLedger.PostAsync(db,
            [
                new PointsPosting(oldOwner, -points, PointsReason.MovedWithItem, PointsLedger.TagReference, reference, $"owner-change:{history.Id}:from"),
                new PointsPosting(change.ToMemberId!.Value, points, PointsReason.MovedWithItem, PointsLedger.TagReference, reference, $"owner-change:{history.Id}:to", expiresAt),
            ], now, cancellationToken);
        }

        if (change.ToMemberId is { } newOwner)
        {
            await db.Database.ExecuteSqlAsync($"UPDATE tags SET owner_member_id = {newOwner} WHERE id = {change.TagId}", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE tags SET state = {(short)TagState.Issued}, owner_member_id = NULL, registered_at = NULL WHERE id = {change.TagId}",
                cancellationToken);
        }

        return new(OwnerChangeOutcome.Changed, oldOwner, history.Id, history.PointsMoved);
    }

    /// <summary>
    /// What the owner holds from the item that may move with it: the net of its entries about the tag
    /// (credits, moves, reversals) less a first-item bonus still held, because that bonus rewards the
    /// member's first registration, not the item. A reversal takes back the whole net, bonus included,
    /// so a bonus posted before the owner's last reversal of the tag is no longer held.
    /// </summary>
    private static async Task<int> MovablePointsAsync(IClubDb db, Guid owner, string reference, CancellationToken cancellationToken)
    {
        var entries = await db.PointsEntries
            .Where(e => e.MemberId == owner && e.ReferenceType == PointsLedger.TagReference && e.ReferenceId == reference)
            .Select(e => new { e.Id, e.Amount, e.Reason })
            .ToListAsync(cancellationToken);
        var lastReversal = entries.Where(e => e.Reason == PointsReason.Reversed).Select(e => e.Id).DefaultIfEmpty(0).Max();
        var bonusHeld = entries.Where(e => e.Reason == PointsReason.FirstItemBonus && e.Id > lastReversal).Sum(e => e.Amount);
        return entries.Sum(e => e.Amount) - bonusHeld;
    }
}
