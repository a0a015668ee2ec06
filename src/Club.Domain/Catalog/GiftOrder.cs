namespace Club.Domain.Catalog;

/// <summary>Stored by name; never rename a member.</summary>
public enum GiftOrderStatus
{
    Placed = 0,
    Confirmed = 1,
    Shipped = 2,
    ReadyForPickup = 3,
    Delivered = 4,
    Cancelled = 5,
    Rejected = 6,
}

public enum GiftDelivery
{
    Post = 0,
    Pickup = 1,
}

/// <summary>
/// A member's order of one gift. Placing it took the points (a ledger debit) and one item of stock in
/// the same transaction; cancelling or rejecting it gives both back (a ledger credit).
/// </summary>
public sealed class GiftOrder
{
    public const int MaxAddressLength = 300;
    public const int MaxTrackingLength = 40;
    public const int MaxNoteLength = 300;

    public long Id { get; set; }
    public int GiftId { get; set; }
    public Guid MemberId { get; set; }

    /// <summary>A key the order form carries: a double submit of one form finds it taken and places nothing.</summary>
    public Guid OrderKey { get; set; }

    /// <summary>The gift's title and price when ordered, so later catalog edits do not rewrite history.</summary>
    public required string GiftTitle { get; set; }

    public int Points { get; set; }
    public GiftOrderStatus Status { get; set; }
    public GiftDelivery Delivery { get; set; }

    /// <summary>Postal address for delivery by post.</summary>
    public string? Address { get; set; }

    /// <summary>The partner's shop the member collects the gift at.</summary>
    public int? ShopId { get; set; }

    public string? TrackingNumber { get; set; }

    /// <summary>The expiry the points get back if the order is cancelled: that of the oldest lot it spent.</summary>
    public DateTimeOffset RefundExpiresAt { get; set; }

    public DateTimeOffset PlacedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The statuses an order may move to from <paramref name="from"/>.</summary>
    public static IReadOnlyList<GiftOrderStatus> Next(GiftOrderStatus from, GiftDelivery delivery) => from switch
    {
        GiftOrderStatus.Placed => [GiftOrderStatus.Confirmed, GiftOrderStatus.Cancelled, GiftOrderStatus.Rejected],
        GiftOrderStatus.Confirmed => [delivery == GiftDelivery.Post ? GiftOrderStatus.Shipped : GiftOrderStatus.ReadyForPickup, GiftOrderStatus.Cancelled, GiftOrderStatus.Rejected],
        GiftOrderStatus.Shipped or GiftOrderStatus.ReadyForPickup => [GiftOrderStatus.Delivered],
        _ => [],
    };

    /// <summary>Cancelled and rejected orders return points and stock.</summary>
    public static bool Refunds(GiftOrderStatus status) => status is GiftOrderStatus.Cancelled or GiftOrderStatus.Rejected;
}

/// <summary>One step of an order's history: the status it reached, when, and who moved it.</summary>
public sealed class GiftOrderEvent
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public GiftOrderStatus Status { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Who made the change (the member or a manager's name).</summary>
    public string? By { get; set; }

    public string? Note { get; set; }
}
