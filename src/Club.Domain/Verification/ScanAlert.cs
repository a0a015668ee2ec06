namespace Club.Domain.Verification;

/// <summary>What a scan alert is about. Stored by name, so never rename.</summary>
public enum ScanAlertRule : short
{
    /// <summary>A registered tag scanned by many distinct visitors within one window: its label was probably copied.</summary>
    ClonedLabel = 0,

    /// <summary>A withdrawn (voided) tag was scanned.</summary>
    WithdrawnTagScanned = 1,

    /// <summary>A tag of a batch not released for sale was scanned: labels may have left the factory.</summary>
    UnreleasedTagScanned = 2,

    /// <summary>Many well-formed serials that name no tag were scanned within one window: someone is making labels.</summary>
    UnknownSerialBurst = 3,

    /// <summary>An item its owner reported lost or stolen was scanned.</summary>
    StolenItemScanned = 4,

    /// <summary>Many wrong scratch codes on one tag within one window: someone is guessing its code.</summary>
    TagUnderAttack = 5,
}

/// <summary>
/// One alert: a rule fired for a subject (a tag, or the whole site for bursts) in one evaluation
/// window. Unique per rule, subject and window, so a re-run of the job adds nothing.
/// </summary>
public sealed class ScanAlert
{
    public const int MaxNotesLength = 2000;

    /// <summary>The subject of alerts that are about no single tag (bursts of unknown serials).</summary>
    public const long SiteSubject = 0;

    public long Id { get; set; }
    public ScanAlertRule Rule { get; set; }

    /// <summary>The tag's id, or <see cref="SiteSubject"/>.</summary>
    public long Subject { get; set; }

    /// <summary>The partner the tag's batch was shipped to, so its managers see the alert.</summary>
    public int? PartnerId { get; set; }

    public DateTimeOffset WindowStart { get; set; }

    /// <summary>What the rule counted in the window (visitors, scans, wrong codes).</summary>
    public long Count { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }
    public string? Notes { get; set; }
}

/// <summary>The thresholds of the scan alerts, one row, set by program managers.</summary>
public sealed class ScanAlertSettings
{
    public const int SingletonId = 1;
    public const int MaxThreshold = 1_000_000;

    /// <summary>The longest window of the repeat-buyer evidence: 30 days.</summary>
    public const int MaxRepeatBuyerHours = 720;

    /// <summary>The job's window: every run looks at the last complete window of this length.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public int Id { get; set; } = SingletonId;

    /// <summary>Distinct visitors of one registered tag within a window that make it a copied label.</summary>
    public int ClonedLabelVisitors { get; set; } = 10;

    /// <summary>Scans of well-formed unknown serials within a window that make a burst.</summary>
    public int UnknownSerialScans { get; set; } = 20;

    /// <summary>Wrong scratch codes on one tag within a window that make it a tag under attack.</summary>
    public int WrongCodesPerTag { get; set; } = 5;

    /// <summary>Items one buyer registers from one seller within <see cref="RepeatBuyerHours"/> that make the sales collusion evidence.</summary>
    public int RepeatBuyerItems { get; set; } = 3;

    /// <summary>The window of <see cref="RepeatBuyerItems"/>, in hours.</summary>
    public int RepeatBuyerHours { get; set; } = 24;

    public bool DailyDigest { get; set; } = true;

    /// <summary>The start of the window <paramref name="at"/> falls in: windows are aligned to the hour (:00, :15, :30, :45 UTC).</summary>
    public static DateTimeOffset WindowStartOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % Window.Ticks), TimeSpan.Zero);
}

/// <summary>
/// Wrong scratch codes entered on one tag within one alert window: the "tag under attack" alert counts these,
/// not the tag's running total. Rows older than a day are deleted (no alert window reaches back that far).
/// </summary>
public sealed class TagWrongCodeWindow
{
    public long TagId { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Wrong { get; set; }
}
