using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Application.Features.Collector;
using Club.Application.Features.Tags;
using Club.Application.Features.Welcome;
using Club.Domain.Brand;
using Club.Domain.PartnerApi;
using Club.Domain.Referrals;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Club.Domain.Welcome;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// Everything a registration needs to know before it writes, in one round trip (with the guess's allowances): the tag's terms
/// (<see cref="TagTerms"/>) and what the scan page shows of it (so the page after a registration post reads nothing more), the member's Collector and tier multipliers, and whether each of the optional steps
/// after the gate can have anything to do (a welcome bonus, an invitation, a seller's claim, a partner's
/// webhook, the Collector status). A step whose flag is false is skipped; one whose flag is true still
/// runs its own guarded statement, so a flag read a moment early can only cost a round trip, never a
/// second payment.
/// </summary>
internal static class RegistrationFacts
{
    /// <summary>
    /// The facts for <paramref name="memberId"/> registering tag <paramref name="tagId"/> at <paramref name="now"/>;
    /// null when no such tag exists. With <paramref name="guess"/>, the same statement takes the guess's
    /// allowances when the tag is available (<see cref="ScratchGuesses.ReservationSql"/>): call it in the
    /// registration's transaction then.
    /// </summary>
    public static async Task<RegistrationFactsRow?> ReadAsync(
        IClubDb db, long tagId, Guid memberId, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken, ScratchGuesses.Keys? guess = null)
    {
        var year = CollectorYears.Of(now, zone);
        var (yearFrom, yearUntil) = CollectorYears.Bounds(year, zone);
        var welcomeKey = WelcomeBonus.KeyOf(memberId);
        var firstItem = nameof(WelcomeBonusTrigger.FirstItem);
        var signedUp = nameof(ReferralStatus.SignedUp);
        var awaitingBuyer = nameof(SaleState.AwaitingBuyer);
        var itemRegistered = (int)WebhookEvents.ItemRegistered;
        FormattableString facts = $"""
            WITH terms AS (SELECT * FROM tag_terms({tagId}, {memberId}, {now})),
            /*guess*/
            SELECT t.verdict, t.scratch_hash, t.points, t.promotion_id, t.promotion_extra_points, t.promotion_multiplier,
                   t.first_item_bonus, EXISTS (SELECT 1 FROM points_balances x WHERE x.member_id = {memberId}) AS has_balance,
                   t.name, (SELECT count(*)::int FROM item_owner_changes c WHERE c.tag_id = {tagId} AND c.kind = {nameof(OwnerChangeKind.Returned)}) AS returns,
                   coalesce((SELECT s.multiplier FROM collector_statuses c CROSS JOIN collector_settings s
                             WHERE c.member_id = {memberId} AND c.valid_from <= {now} AND c.valid_until > {now} AND c.opened_at IS NOT NULL
                             LIMIT 1), 1) AS collector_multiplier,
                   coalesce((SELECT x.multiplier FROM member_tiers mt JOIN tiers x ON x.level = mt.level WHERE mt.member_id = {memberId}), 1) AS tier_multiplier,
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
                   EXISTS (SELECT 1 FROM users u WHERE u.id = {memberId} AND u.deactivated_at IS NOT NULL) AS deactivated,
                   t.registered_at, t.sku, t.collection, t.metal, t.stone, t.photo_url, t.guessing_paused_until,
                   (SELECT p.name_en FROM products p WHERE p.sku = t.sku) AS name_en,
                   coalesce((SELECT tg.scan_count FROM tags tg WHERE tg.id = {tagId}), 0) AS scans,
                   EXISTS (SELECT 1 FROM item_losses l WHERE l.tag_id = {tagId} AND l.cleared_at IS NULL) AS reported_lost,
                   (SELECT b.support_email FROM brand_settings b WHERE b.id = {BrandSettings.SingletonId}) AS support_email,
                   (SELECT b.support_phone FROM brand_settings b WHERE b.id = {BrandSettings.SingletonId}) AS support_phone,
                   /*guess columns*/
            FROM terms t
            """;
        var keys = guess ?? ScratchGuesses.Keys.Of(tagId, memberId, null, now);
        var sql = facts.Format
            .Replace("/*guess*/", SqlComposition.Renumber(ScratchGuesses.ReservationSql, facts.ArgumentCount), StringComparison.Ordinal)
            .Replace("/*guess columns*/", ScratchGuesses.ReservationColumns, StringComparison.Ordinal);
        var rows = await db.Database.SqlQuery<RegistrationFactsRow>(FormattableStringFactory.Create(sql,
            [.. facts.GetArguments(), tagId, keys.Account, keys.Network, keys.Pair, keys.Day, guess is not null])).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }
}

/// <summary>
/// What a registration reads before it writes: <see cref="TagTerms"/>, whether the member has a balance
/// row yet, the product's name, how many times the item was returned, the member's Collector and tier multipliers,
/// whether the member's account is deactivated (points frozen), what the scan page shows (the product, the
/// tag's views, whether it is reported lost, the brand's contact), the flags of the optional steps (see <see cref="RegistrationFacts"/>),
/// and the guess's reservation when one was taken.
/// </summary>
internal sealed record RegistrationFactsRow(
    string Verdict, byte[] ScratchHash, int Points, int? PromotionId, int? PromotionExtraPoints, decimal? PromotionMultiplier,
    int FirstItemBonus, bool HasBalance, string Name, int Returns, decimal CollectorMultiplier, decimal TierMultiplier,
    bool WelcomeMayBeDue, bool Invited, bool SaleAwaitsBuyer, bool PartnerListens, bool CollectorMayBeDue, bool Deactivated,
    DateTimeOffset? RegisteredAt, string Sku, string Collection, string Metal, string? Stone, string? PhotoUrl, DateTimeOffset? GuessingPausedUntil,
    string? NameEn, long Scans, bool ReportedLost, string? SupportEmail, string? SupportPhone,
    bool GuessReserved, short? GuessTagWrong, DateTimeOffset? GuessPausedUntil, int? GuessAccountWrong, int? GuessNetworkWrong, int? GuessPairWrong)
{
    public Verdict TagVerdict => Enum.Parse<Verdict>(Verdict);

    /// <summary>The tag as the scan page's read would find it, with what the registration changed.</summary>
    public ScannedTagRow AsScanned(Verdict verdict, DateTimeOffset? registeredAt, DateTimeOffset? guessingPausedUntil) =>
        new(verdict, registeredAt, Sku, Name, Collection, Metal, Stone, PhotoUrl, Points, Scans,
            PromotionId is null ? null : new RunningPromotion(PromotionExtraPoints!.Value, PromotionMultiplier!.Value),
            FirstItemBonus, guessingPausedUntil, ReportedLost, NameEn);

    /// <summary>The guess's allowances as the read took them, or null when none were taken (no code, or the tag not available).</summary>
    public ScratchGuesses.Reservation? Guess => GuessReserved
        ? new(GuessTagWrong ?? 0, GuessPausedUntil, GuessAccountWrong, GuessNetworkWrong, GuessPairWrong)
        : null;
}
