namespace Club.Domain.Points;

/// <summary>Why staff corrected a member's points: the list the desk offers (stored by name).</summary>
public enum AdjustmentReason
{
    /// <summary>Points the member should have got and did not (a registration or sale that went wrong).</summary>
    MissingPoints,

    /// <summary>Points credited twice or by mistake.</summary>
    WrongCredit,

    /// <summary>A gesture of goodwill after a complaint.</summary>
    Goodwill,

    /// <summary>Points taken back after abuse of the program.</summary>
    Abuse,
    Other,
}

public enum AdjustmentState
{
    /// <summary>Posted to the ledger.</summary>
    Posted,

    /// <summary>Larger than the limit: waits for an Admin's approval before anything is posted.</summary>
    AwaitingApproval,

    /// <summary>An Admin refused it: nothing was posted.</summary>
    Rejected,
}

/// <summary>
/// A staff correction of a member's points (credit or debit). Its id is made when the desk's form is
/// shown, so a double click or a retried post is the same adjustment; the ledger entry's key is
/// adjustment:{id}. Larger than the configured limit, it waits for an Admin.
/// </summary>
public sealed class PointsAdjustment
{
    public const int MaxCommentLength = 500;

    /// <summary>Largest correction in either direction, against typing an extra zero or two.</summary>
    public const int MaxAmount = 1_000_000;

    public const string ReferenceType = "adjustment";

    public Guid Id { get; set; }
    public Guid MemberId { get; set; }

    /// <summary>Positive: a credit; negative: a debit.</summary>
    public int Amount { get; set; }

    public AdjustmentReason Reason { get; set; }
    public required string Comment { get; set; }

    /// <summary>Whether the member sees the comment next to "correction by the club" in their history.</summary>
    public bool ShowComment { get; set; }

    public AdjustmentState State { get; set; }
    public Guid RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public string EntryKey => $"adjustment:{Id}";
}
