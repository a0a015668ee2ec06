namespace Club.Domain.Members;

/// <summary>
/// One decision of a program manager about a seller's account (activated after a call, rejected,
/// suspended), with the manager's note. Append-only: the history of an account is these rows.
/// </summary>
public sealed class SellerDecision
{
    public const int MaxNoteLength = 500;

    public long Id { get; set; }
    public Guid SellerId { get; set; }
    public SellerStatus From { get; set; }
    public SellerStatus To { get; set; }
    public string? Note { get; set; }
    public Guid DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}
