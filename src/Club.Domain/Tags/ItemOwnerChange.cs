namespace Club.Domain.Tags;

/// <summary>Why an item's owner changed.</summary>
public enum OwnerChangeKind : short
{
    /// <summary>Staff gave the item to another member (a gift, a registration by mistake).</summary>
    Reassigned = 0,

    /// <summary>The item went back to the shop: no owner, the tag is on sale again with a new scratch code.</summary>
    Returned = 1,

    /// <summary>The owner handed the item over themselves (an ownership transfer).</summary>
    Transferred = 2,
}

/// <summary>
/// One change of a registered item's owner: the one history of who owned an item when. Written only by
/// the owner-change operation (Application Features/Registration/ItemOwnership), in the same
/// transaction as the tag's new owner.
/// </summary>
public sealed class ItemOwnerChange
{
    public const int MaxReasonLength = 500;

    public long Id { get; set; }
    public long TagId { get; set; }
    public Guid FromMemberId { get; set; }

    /// <summary>Null when the item was returned: nobody owns it until the next buyer registers it.</summary>
    public Guid? ToMemberId { get; set; }

    public OwnerChangeKind Kind { get; set; }
    public required string Reason { get; set; }

    /// <summary>The item's points moved from the old owner to the new one (0 when they stayed).</summary>
    public int PointsMoved { get; set; }

    /// <summary>The staff member (or, for a transfer, the member) who made the change.</summary>
    public Guid ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
