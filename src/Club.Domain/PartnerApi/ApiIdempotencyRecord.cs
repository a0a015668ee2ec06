namespace Club.Domain.PartnerApi;

/// <summary>
/// The answer given to a partner's request with an Idempotency-Key: a retry with the same key and body gets
/// the same answer, one with another body is refused. Keys are per partner.
/// </summary>
public sealed class ApiIdempotencyRecord
{
    public const int MaxKeyLength = 100;

    public int PartnerId { get; set; }
    public required string Key { get; set; }

    /// <summary>SHA-256 of the request's canonical body: what "the same request" means.</summary>
    public required byte[] RequestHash { get; set; }

    /// <summary>The answer as JSON (the use case's result), written in the transaction that inserted the row.</summary>
    public string? Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
