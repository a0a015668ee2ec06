namespace Club.Application.Features.Tags;

/// <summary>
/// The one definition of what a tag is (its verdict) and what registering it earns (the item's points,
/// the most generous running promotion, the first-item bonus): the database function tag_terms,
/// created by migration. The scan page's prepared read and the registration (RegistrationFacts) both select from it, so
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
}
