namespace Club.Domain.Privacy;

/// <summary>
/// A member's current answer to one consent: the accepted version of the rules or privacy policy, the
/// marketing consent, the consent to be identified at partner shops by phone. Its history is
/// <see cref="ConsentChange"/>; both are written together by the application's <c>ConsentRecords</c>.
/// </summary>
public sealed class MemberConsent
{
    public Guid MemberId { get; set; }

    /// <summary>One of <see cref="ConsentKinds"/>.</summary>
    public required string Kind { get; set; }
    public bool Granted { get; set; }

    /// <summary>For the rules and the privacy policy: the version accepted.</summary>
    public int? Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>One of <see cref="ConsentSources"/>.</summary>
    public required string Source { get; set; }
}

/// <summary>One change of a member's consent: what, which version, when, how and (for staff) by whom. Append-only.</summary>
public sealed class ConsentChange
{
    public long Id { get; set; }
    public Guid MemberId { get; set; }
    public required string Kind { get; set; }
    public bool Granted { get; set; }
    public int? Version { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string Source { get; set; }

    /// <summary>The member of staff who recorded a consent given on request; null when the member did it.</summary>
    public Guid? ChangedBy { get; set; }
}

public static class ConsentKinds
{
    public const string Rules = LegalDocumentKinds.Rules;
    public const string Privacy = LegalDocumentKinds.Privacy;

    /// <summary>Promotional mail and SMS: only with this consent.</summary>
    public const string Marketing = "marketing";

    /// <summary>A partner's shop may find the member by phone (the partner API's member lookup).</summary>
    public const string PartnerLookup = "partner-lookup";

    /// <summary>The consents a member switches on and off themselves (the documents are accepted, not switched).</summary>
    public static IReadOnlyList<string> Optional { get; } = [Marketing, PartnerLookup];
}

/// <summary>How a consent was given or withdrawn.</summary>
public static class ConsentSources
{
    public const string SignUp = "sign-up";
    public const string Cabinet = "cabinet";

    /// <summary>A member of staff, on the member's request (a call, a letter).</summary>
    public const string Staff = "staff";
}
