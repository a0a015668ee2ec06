namespace Club.Domain.Sales;

/// <summary>
/// Evidence that a confirmed sale may be collusion between its seller and its buyer (one of the collusion
/// <see cref="SaleFlag"/>s). The sale stays confirmed and paid: nothing is blocked automatically. A program
/// manager reviews it in "Sales to review" and keeps the seller's points or takes them back. One row per
/// sale and kind, so the job finding the same evidence again adds nothing.
/// </summary>
public sealed class SaleSuspicion
{
    /// <summary>The flags that are collusion evidence (kept on a paid sale, unlike the flags that hold a sale).</summary>
    public static readonly IReadOnlyList<SaleFlag> Kinds = [SaleFlag.SharedPhone, SaleFlag.SharedVisitor, SaleFlag.RepeatBuyer];

    public long SaleId { get; set; }
    public SaleFlag Kind { get; set; }

    /// <summary>What was counted: shared visitor hashes, or the buyer's items from this seller in the window (1 for a shared phone).</summary>
    public int Count { get; set; }

    public DateTimeOffset FoundAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public Guid? ReviewedBy { get; set; }

    /// <summary>The review's verdict: true kept the seller's points, false took them back.</summary>
    public bool? PointsKept { get; set; }
}
