using Club.Domain.Verification;

namespace Club.Application.Abstractions;

/// <summary>
/// The scan page's one read: a tag with its batch, product, points and view count, and the brand's
/// contact, in one prepared round trip. The busiest public page (every QR scan) reads through this
/// instead of an EF query: a context and a LINQ query per view cost several times the database's own
/// work (tools/Club.Bench/scan-wrk.sh).
/// </summary>
public interface ITagScanReader
{
    /// <summary>
    /// The tag (null when <paramref name="tagId"/> is null or no such tag exists), the most generous
    /// promotion running for its item at <paramref name="now"/>, the first-item bonus if the signed-in
    /// <paramref name="memberId"/> owns no item yet, and the brand's contact.
    /// </summary>
    Task<TagScanFacts> ReadAsync(long? tagId, Guid? memberId, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record TagScanFacts(ScannedTagRow? Tag, string? SupportEmail, string? SupportPhone);

/// <summary>
/// What the scan page may know of a tag. The verdict comes from the database's tag_terms, the same
/// definition the registration reads, so the page and the registration cannot disagree.
/// </summary>
public sealed record ScannedTagRow(
    Verdict Verdict,
    DateTimeOffset? RegisteredAt,
    string Sku,
    string Name,
    string Collection,
    string Metal,
    string? Stone,
    string? PhotoUrl,
    int Points,
    long Scans,
    RunningPromotion? Promotion,
    int FirstItemBonus,
    DateTimeOffset? GuessingPausedUntil,
    bool ReportedLost = false);

/// <summary>The extra points and multiplier of a promotion that applies to an item now.</summary>
public sealed record RunningPromotion(int ExtraPoints, decimal Multiplier);
