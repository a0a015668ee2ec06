using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Domain.Welcome;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Welcome;

/// <summary>
/// Pays a new buyer's welcome bonus once (key <c>welcome:{member}</c>) when the program manager's
/// trigger happens: the phone confirmed, or an item registered. Called inside the caller's transaction by
/// those two use cases; the guard re-reads the settings and the member in the posting's own statement.
/// </summary>
public static class WelcomeBonus
{
    public static string KeyOf(Guid memberId) => $"welcome:{memberId}";

    // A buyer (no seller status) who joined since the bonus was switched on, whose trigger has happened,
    // and who did not join through an invitation (the stacking table: the invitation bonus replaces it).
    private const string DueSql = """
        SELECT m.id FROM members m
        JOIN users u ON u.id = m.id
        CROSS JOIN welcome_bonus_settings s
        WHERE m.id = {0} AND s.enabled AND s.points = {1} AND s.paid_when = {2}
          AND m.seller_status IS NULL AND s.enabled_at IS NOT NULL AND m.joined_at >= s.enabled_at
          AND ({2} <> 'PhoneConfirmed' OR (u.phone_number_confirmed AND coalesce(u.phone_number, '') <> ''))
          AND ({2} <> 'FirstItem' OR EXISTS (SELECT 1 FROM tags t WHERE t.owner_member_id = m.id))
        """;

    /// <summary>
    /// Credits the bonus if <paramref name="trigger"/> is the one that pays it and the member is due;
    /// the points it paid (0 when not due or paid before).
    /// </summary>
    public static async Task<int> PayIfDueAsync(IClubDb db, Guid memberId, WelcomeBonusTrigger trigger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = await db.WelcomeBonusSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (settings is not { Enabled: true, Points: > 0 } || settings.PaidWhen != trigger)
        {
            return 0;
        }

        var posting = new PointsPosting(memberId, settings.Points, PointsReason.WelcomeBonus, PointsLedger.MemberReference, memberId.ToString(), KeyOf(memberId))
        {
            LifetimeMonths = settings.LifetimeMonths,
        };
        var result = await PointsLedger.PostAsync(db, [posting], now, cancellationToken,
            guard: new LedgerGuard(DueSql, [memberId, settings.Points, trigger.ToString()]));
        return result.Posted.Count == 1 ? settings.Points : 0;
    }
}
