using Club.Application.Abstractions;
using Club.Application.Features.Collector;
using Club.Application.Features.Tags;
using Club.Application.Features.Welcome;
using Club.Domain.PartnerApi;
using Club.Domain.Referrals;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Club.Domain.Welcome;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// Everything a registration needs to know before it writes, in one round trip: the tag's terms
/// (<see cref="TagTerms"/>), the member's Collector multiplier, and whether each of the optional steps
/// after the gate can have anything to do (a welcome bonus, an invitation, a seller's claim, a partner's
/// webhook, the Collector status). A step whose flag is false is skipped; one whose flag is true still
/// runs its own guarded statement, so a flag read a moment early can only cost a round trip, never a
/// second payment.
/// </summary>
internal static class RegistrationFacts
{
    /// <summary>The facts for <paramref name="memberId"/> registering tag <paramref name="tagId"/> at <paramref name="now"/>; null when no such tag exists.</summary>
    public static async Task<RegistrationFactsRow?> ReadAsync(IClubDb db, long tagId, Guid memberId, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var year = CollectorYears.Of(now, zone);
        var (yearFrom, yearUntil) = CollectorYears.Bounds(year, zone);
        var welcomeKey = WelcomeBonus.KeyOf(memberId);
        var firstItem = nameof(WelcomeBonusTrigger.FirstItem);
        var signedUp = nameof(ReferralStatus.SignedUp);
        var awaitingBuyer = nameof(SaleState.AwaitingBuyer);
        var itemRegistered = (int)WebhookEvents.ItemRegistered;
        var rows = await db.Database.SqlQuery<RegistrationFactsRow>($"""
            SELECT t.verdict, t.scratch_hash, t.points, t.promotion_id, t.promotion_extra_points, t.promotion_multiplier,
                   t.first_item_bonus, EXISTS (SELECT 1 FROM points_balances x WHERE x.member_id = {memberId}) AS has_balance,
                   t.name, (SELECT count(*)::int FROM item_owner_changes c WHERE c.tag_id = {tagId} AND c.kind = {nameof(OwnerChangeKind.Returned)}) AS returns,
                   coalesce((SELECT s.multiplier FROM collector_statuses c CROSS JOIN collector_settings s
                             WHERE c.member_id = {memberId} AND c.valid_from <= {now} AND c.valid_until > {now} AND c.opened_at IS NOT NULL
                             LIMIT 1), 1) AS collector_multiplier,
                   EXISTS (SELECT 1 FROM welcome_bonus_settings s
                           WHERE s.enabled AND s.points > 0 AND s.paid_when = {firstItem}
                             AND NOT EXISTS (SELECT 1 FROM points_entries e WHERE e.idempotency_key = {welcomeKey})) AS welcome_may_be_due,
                   EXISTS (SELECT 1 FROM referrals r WHERE r.friend_id = {memberId} AND r.status = {signedUp}) AS invited,
                   EXISTS (SELECT 1 FROM sales s WHERE s.tag_id = {tagId} AND s.state = {awaitingBuyer}) AS sale_awaits_buyer,
                   EXISTS (SELECT 1 FROM tags tg JOIN tag_batches b ON b.id = tg.batch_id
                           JOIN webhook_endpoints w ON w.partner_id = b.partner_id
                           WHERE tg.id = {tagId} AND w.events & {itemRegistered} <> 0 AND w.removed_at IS NULL) AS partner_listens,
                   EXISTS (SELECT 1 FROM collector_settings s
                           WHERE s.enabled
                             AND NOT EXISTS (SELECT 1 FROM collector_statuses c WHERE c.member_id = {memberId} AND c.year = {year})
                             AND (SELECT coalesce(sum(p.recommended_price), 0) FROM tags tg
                                  JOIN tag_batches b ON b.id = tg.batch_id JOIN products p ON p.id = b.product_id
                                  WHERE tg.id = {tagId}
                                     OR (tg.owner_member_id = {memberId} AND tg.registered_at >= {yearFrom} AND tg.registered_at < {yearUntil})) >= s.threshold)
                       AS collector_may_be_due,
                   EXISTS (SELECT 1 FROM users u WHERE u.id = {memberId} AND u.deactivated_at IS NOT NULL) AS deactivated
            FROM tag_terms({tagId}, {memberId}, {now}) t
            """).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }
}

/// <summary>
/// What a registration reads before it writes: <see cref="TagTerms"/>, whether the member has a balance
/// row yet, the product's name, how many times the item was returned, the member's Collector multiplier,
/// whether the member's account is deactivated (points frozen), and the flags of the optional steps (see <see cref="RegistrationFacts"/>).
/// </summary>
internal sealed record RegistrationFactsRow(
    string Verdict, byte[] ScratchHash, int Points, int? PromotionId, int? PromotionExtraPoints, decimal? PromotionMultiplier,
    int FirstItemBonus, bool HasBalance, string Name, int Returns, decimal CollectorMultiplier,
    bool WelcomeMayBeDue, bool Invited, bool SaleAwaitsBuyer, bool PartnerListens, bool CollectorMayBeDue, bool Deactivated)
{
    public Verdict TagVerdict => Enum.Parse<Verdict>(Verdict);
}
