using System.Security.Cryptography;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Domain.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Referrals;

/// <summary>
/// Invitations: a friend who joins through a member's link is recorded at once (unless it looks like the
/// member inviting themselves), and both are paid when the friend registers a first item, once (keys
/// <c>referral:{friend}:friend</c> and <c>referral:{friend}:referrer</c>), within the inviting member's
/// monthly cap. Called inside the sign-up's and the registration's own work.
/// </summary>
public static class Referrals
{
    public static string FriendKey(Guid friend) => $"referral:{friend}:friend";

    public static string ReferrerKey(Guid friend) => $"referral:{friend}:referrer";

    /// <summary>A fresh random code from <see cref="ReferralCode.Alphabet"/>.</summary>
    public static string NewCode() =>
        new(Enumerable.Range(0, ReferralCode.Length).Select(_ => ReferralCode.Alphabet[RandomNumberGenerator.GetInt32(ReferralCode.Alphabet.Length)]).ToArray());

    /// <summary>The code as typed or taken from a link, upper case, or null when it cannot be a code.</summary>
    public static string? Normalize(string? code)
    {
        var trimmed = (code ?? "").Trim().ToUpperInvariant();
        return trimmed.Length == ReferralCode.Length && trimmed.All(ReferralCode.Alphabet.Contains) ? trimmed : null;
    }

    /// <summary>
    /// Records that <paramref name="friend"/> (just created) joined with <paramref name="code"/>; nothing
    /// when invitations are off or the code is unknown. A friend with the inviting member's phone, or who
    /// signed up from the visitor hash the member used today, is recorded as refused.
    /// </summary>
    public static async Task RecordAsync(IClubDb db, Guid friend, string? code, byte[]? visitorHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = Normalize(code);
        var settings = await db.ReferralSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (normalized is null || settings is not { Enabled: true })
        {
            return;
        }

        var owner = await db.ReferralCodes.AsNoTracking().Where(c => c.Code == normalized).Select(c => new { c.MemberId, c.VisitorHash }).SingleOrDefaultAsync(cancellationToken);
        if (owner is null || owner.MemberId == friend)
        {
            return;
        }

        // Same phone (last ten digits, however written) or the same device and network on the same day
        // (the daily salt makes hashes comparable only within a day): the member invited themselves.
        var samePhone = (await db.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value" FROM users f JOIN users r ON r.id = {owner.MemberId}
            WHERE f.id = {friend} AND length(f.phone_number) >= 10 AND right(f.phone_number, 10) = right(r.phone_number, 10)
            """).ToListAsync(cancellationToken)).Count > 0;
        var sameVisitor = visitorHash is { Length: > 0 } && (
            (owner.VisitorHash is not null && owner.VisitorHash.AsSpan().SequenceEqual(visitorHash))
            || await db.TagScans.AnyAsync(s => s.MemberId == owner.MemberId && s.ClientHash == visitorHash && s.ScannedAt > now.AddDays(-1), cancellationToken));
        var refused = samePhone ? ReferralRefusals.SamePhone : sameVisitor ? ReferralRefusals.SameVisitor : null;

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO referrals (friend_id, referrer_id, status, refused_because, visitor_hash, joined_at)
            VALUES ({friend}, {owner.MemberId}, {(refused is null ? ReferralStatus.SignedUp : ReferralStatus.Refused).ToString()}, {refused}, {visitorHash}, {now})
            ON CONFLICT (friend_id) DO NOTHING
            """, cancellationToken);
    }

    /// <summary>
    /// Pays both when <paramref name="friend"/>, who joined by invitation, has just registered <paramref name="tagId"/>;
    /// the friend's points paid now (0 when not due, over the cap, refused or paid before).
    /// Runs in the registration's transaction.
    /// </summary>
    public static async Task<int> PayIfDueAsync(IClubDb db, Guid friend, long tagId, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var referrer = await db.Referrals.Where(r => r.FriendId == friend && r.Status == ReferralStatus.SignedUp)
            .Select(r => (Guid?)r.ReferrerId).SingleOrDefaultAsync(cancellationToken);
        var settings = await db.ReferralSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (referrer is null || settings is not { Enabled: true } || settings.ReferrerPoints + settings.FriendPoints <= 0)
        {
            return 0;
        }

        // An item that was the inviting member's would move points back and forth between the two.
        if (await db.ItemOwnerChanges.AnyAsync(c => c.TagId == tagId && c.FromMemberId == referrer, cancellationToken))
        {
            await SettleAsync(db, friend, ReferralStatus.Refused, ReferralRefusals.ItemFromReferrer, cancellationToken);
            return 0;
        }

        // One inviting member's friends are paid one at a time (the code row's lock), so the month's count
        // read next is exact and the cap holds under parallel registrations.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM referral_codes WHERE member_id = {referrer} FOR UPDATE", cancellationToken);
        var paid = Enum.GetName(ReferralStatus.Paid);
        var thisMonth = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM referrals
            WHERE referrer_id = {referrer} AND status = {paid}
              AND paid_at >= (date_trunc('month', {now} AT TIME ZONE {timeZone}) AT TIME ZONE {timeZone})
            """).SingleAsync(cancellationToken);
        if (thisMonth >= settings.MonthlyCap)
        {
            await SettleAsync(db, friend, ReferralStatus.OverCap, null, cancellationToken);
            return 0;
        }

        var source = friend.ToString();
        var postings = new List<PointsPosting>(2);
        if (settings.FriendPoints > 0)
        {
            postings.Add(new PointsPosting(friend, settings.FriendPoints, PointsReason.ReferralBonus, PointsLedger.MemberReference, source, FriendKey(friend)));
        }

        // The status change is the gate: a second registration of the friend finds it Paid and pays nothing.
        var gate = new LedgerGuard(
            "UPDATE referrals SET status = {0}, paid_at = {1} WHERE friend_id = {2} AND status = {3} RETURNING friend_id",
            [paid!, now, friend, nameof(ReferralStatus.SignedUp)]);
        var result = await PointsLedger.PostAsync(db, postings, now, cancellationToken, guard: gate);
        if (!result.Guarded)
        {
            return 0;
        }

        // The friend's balance row is locked by the registration; the inviting member's is taken after it, in its own statement.
        // A deactivated inviting member's points are frozen: the friend is still paid.
        if (settings.ReferrerPoints > 0 && !await db.Database.SqlQuery<bool>($"SELECT deactivated_at IS NOT NULL AS \"Value\" FROM users WHERE id = {referrer}").SingleAsync(cancellationToken))
        {
            await PointsLedger.PostAsync(db,
                new PointsPosting(referrer.Value, settings.ReferrerPoints, PointsReason.ReferralBonus, PointsLedger.MemberReference, source, ReferrerKey(friend)),
                now, cancellationToken);
        }

        return settings.FriendPoints;
    }

    private static Task<int> SettleAsync(IClubDb db, Guid friend, ReferralStatus status, string? because, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE referrals SET status = {status.ToString()}, refused_because = {because} WHERE friend_id = {friend} AND status = {nameof(ReferralStatus.SignedUp)}",
            cancellationToken);
}
