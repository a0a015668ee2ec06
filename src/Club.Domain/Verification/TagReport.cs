namespace Club.Domain.Verification;

/// <summary>
/// A visitor's report to the brand: a problem with a genuine tag ("this was registered by someone
/// else") or a suspected counterfeit (a serial that is no tag of ours), with where it was bought.
/// Program managers (and the partner whose tags they are) work it on the reports desk.
/// </summary>
public sealed class TagReport
{
    public const int MaxMessageLength = 1000;
    public const int MaxContactLength = 200;
    public const int MaxPlaceLength = 200;
    public const int MaxNotesLength = 2000;
    public const int MaxReplyLength = 2000;
    public const decimal MaxPrice = 100_000_000m;

    /// <summary>The largest photo accepted before re-encoding.</summary>
    public const int MaxPhotoBytes = 8 * 1024 * 1024;

    public long Id { get; set; }

    /// <summary>The tag, when the serial names one; null for a counterfeit report about an unknown serial.</summary>
    public long? TagId { get; set; }

    /// <summary>The serial as typed (normalised) when it names no tag.</summary>
    public string? UnknownSerial { get; set; }

    public Guid? MemberId { get; set; }
    public required string Message { get; set; }
    public string? Contact { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where the item was bought (a town, a market, a website).</summary>
    public string? BoughtWhere { get; set; }

    public DateOnly? BoughtOn { get; set; }
    public string? Shop { get; set; }
    public decimal? PricePaid { get; set; }

    public TagReportStatus Status { get; set; }
    public string? StaffNotes { get; set; }

    /// <summary>The last answer mailed to the reporter.</summary>
    public string? Reply { get; set; }

    public DateTimeOffset? RepliedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

public enum TagReportStatus : short
{
    New = 0,
    InProgress = 1,
    Resolved = 2,
    Rejected = 3,
}

/// <summary>The photo of the item and its label sent with a report, re-encoded (no EXIF or GPS kept).</summary>
public sealed class TagReportPhoto
{
    public long ReportId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
}
