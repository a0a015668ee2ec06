namespace Club.Domain.Members;

public enum ShopChangeState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>
/// A seller's request to move to another shop, decided by a program manager. The seller's points
/// and history stay with the person; only the shop (and its partner) changes on approval.
/// </summary>
public sealed class ShopChangeRequest
{
    public long Id { get; set; }
    public Guid SellerId { get; set; }
    public int FromShopId { get; set; }
    public int ToShopId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public ShopChangeState State { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
