namespace Club.Application.Features.Privacy;

/// <summary>Personal-data settings, section <c>Club:Privacy</c> (docs/operations.md, "Personal data").</summary>
public sealed class PrivacySettings
{
    public const string Section = "Club:Privacy";

    /// <summary>Scan-log visitor fingerprints older than this many days are dropped by the ScanVisitorRetention job.</summary>
    public int ScanVisitorRetentionDays { get; set; } = 90;

    /// <summary>Days between a request to delete an account and its erasure by the AccountErasure job; cancellable until then.</summary>
    public int AccountDeletionDays { get; set; } = 14;
}
