namespace Club.Domain.Points;

/// <summary>
/// One immutable movement of a member's points. Entries are never updated or deleted (a database
/// trigger refuses it); a correction is a new entry. The program's own account is the other side of
/// every entry: what members hold is what the program owes, so its balance is minus the sum of all
/// entries and needs no row of its own (one shared row would serialise every registration).
/// </summary>
public sealed class PointsEntry
{
    public const int MaxKeyLength = 200;
    public const int MaxReferenceTypeLength = 30;
    public const int MaxReferenceIdLength = 64;

    public long Id { get; set; }
    public Guid MemberId { get; set; }

    /// <summary>Positive for points earned, negative for points spent or taken back.</summary>
    public int Amount { get; set; }

    public PointsReason Reason { get; set; }

    /// <summary>What the movement is about, e.g. "tag" and the tag's id; with the reason it explains the entry.</summary>
    public required string ReferenceType { get; set; }

    public required string ReferenceId { get; set; }

    /// <summary>Unique: a retried request or a re-run job finds its key taken and credits nothing.</summary>
    public required string IdempotencyKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
