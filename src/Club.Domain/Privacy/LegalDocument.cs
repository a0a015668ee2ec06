namespace Club.Domain.Privacy;

/// <summary>
/// One published version of the club rules or the privacy policy, in Russian and English. Versions are
/// never changed: publishing writes the next version, so what a member accepted stays readable.
/// </summary>
public sealed class LegalDocument
{
    public const int MaxBodyLength = 100_000;

    public int Id { get; set; }

    /// <summary><see cref="LegalDocumentKinds.Rules"/> or <see cref="LegalDocumentKinds.Privacy"/>.</summary>
    public required string Kind { get; set; }
    public int Version { get; set; }

    /// <summary>Plain text: paragraphs separated by blank lines, lines starting with "# " are headings; never HTML.</summary>
    public required string BodyRu { get; set; }
    public required string BodyEn { get; set; }
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The program manager who published it; null for the demo data's first version.</summary>
    public Guid? PublishedBy { get; set; }
}

/// <summary>The documents a member accepts; each is also a consent kind holding the accepted version.</summary>
public static class LegalDocumentKinds
{
    public const string Rules = "rules";
    public const string Privacy = "privacy";

    public static IReadOnlyList<string> All { get; } = [Rules, Privacy];
}
