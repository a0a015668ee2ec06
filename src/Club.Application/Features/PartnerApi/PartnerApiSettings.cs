namespace Club.Application.Features.PartnerApi;

/// <summary>Partner API settings, section <c>Club:PartnerApi</c> (docs/operations.md, "Partner API and webhooks").</summary>
public sealed class PartnerApiSettings
{
    public const string Section = "Club:PartnerApi";

    /// <summary>
    /// Idempotency records older than this many days are deleted by the ApiIdempotencyRetention job: a till
    /// retries within minutes, so a week is ample and the table stays the size of a week's sales.
    /// </summary>
    public int IdempotencyRetentionDays { get; set; } = 7;
}
