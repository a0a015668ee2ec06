using Club.Application.Abstractions;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tags;

/// <summary>
/// The one definition of what a tag is (its verdict) and what registering it earns (the item's points,
/// the most generous running promotion, the first-item bonus): the database function tag_terms,
/// created by migration. The scan page's prepared read and the registration both select from it, so
/// they cannot disagree; its order is a withdrawn tag or batch, then a registration, then a batch not
/// on sale yet. Wrong codes do not change the verdict: they pause guessing (<see cref="Club.Domain.Tags.ScratchGuessLimits"/>).
/// </summary>
public static class TagTerms
{
    public const string Function = "tag_terms";

    /// <summary>
    /// The ledger key of a member's first-item bonus. The bonus is paid once per member, ever: tag_terms
    /// offers it only while no entry has this key (a bonus reversed by a return still used it), so what
    /// the scan page promises is what the registration can post, whatever items the member gave or received.
    /// </summary>
    public static string FirstItemBonusKey(Guid memberId) => $"first-item:{memberId}";

    /// <summary>
    /// The tag's terms for <paramref name="memberId"/> at <paramref name="now"/>; null when no such tag exists.
    /// Everything else a registration needs of the tag rides along (its product's name for the mail, how
    /// often it was returned), so a registration reads the tag once.
    /// </summary>
    public static async Task<TagTermsRow?> ReadAsync(IClubDb db, long tagId, Guid memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<TagTermsRow>($"""
            SELECT t.verdict, t.scratch_hash, t.points, t.promotion_id, t.promotion_extra_points, t.promotion_multiplier,
                   t.first_item_bonus, EXISTS (SELECT 1 FROM points_balances x WHERE x.member_id = {memberId}) AS has_balance,
                   t.name, (SELECT count(*)::int FROM item_owner_changes c WHERE c.tag_id = {tagId} AND c.kind = {nameof(OwnerChangeKind.Returned)}) AS returns
            FROM tag_terms({tagId}, {memberId}, {now}) t
            """).ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }
}

/// <summary>
/// What a registration needs of <see cref="TagTerms"/>, whether the member has a balance row yet, the
/// product's name and how many times the item was returned to the shop.
/// </summary>
public sealed record TagTermsRow(
    string Verdict, byte[] ScratchHash, int Points, int? PromotionId, int? PromotionExtraPoints, decimal? PromotionMultiplier,
    int FirstItemBonus, bool HasBalance, string Name, int Returns)
{
    public Verdict TagVerdict => Enum.Parse<Verdict>(Verdict);
}
