namespace Club.Domain.Sales;

public enum SaleState
{
    /// <summary>Recorded by the seller; the seller's points wait for the buyer to register the item.</summary>
    AwaitingBuyer = 0,

    /// <summary>The buyer registered the item: the seller's points are in the ledger.</summary>
    Confirmed = 1,

    /// <summary>No buyer registration within the window: the pending points were cancelled.</summary>
    Expired = 2,

    /// <summary>Held for a program manager (grey market, the seller bought it themselves): no points until reviewed.</summary>
    Flagged = 3,

    /// <summary>Recorded after the buyer registered the item: waits for the buyer's yes (pays) or no (declined).</summary>
    AwaitingConfirmation = 4,

    /// <summary>The buyer said this seller did not sell them the item: no points, counted against the seller.</summary>
    Declined = 5,

    /// <summary>A second seller's claim on an item another seller had claimed: waits for the program manager's verdict.</summary>
    Disputed = 6,

    /// <summary>The claim that lost a dispute, or a held sale the program manager rejected: no points (taken back if they were paid).</summary>
    Rejected = 7,

    /// <summary>The item went back to the shop: the sale's points were taken back and the item can be sold again.</summary>
    Returned = 8,
}

public enum SaleFlag
{
    None = 0,

    /// <summary>The tag's batch was shipped to another partner than the seller's.</summary>
    OtherPartner = 1,

    /// <summary>The buyer is the seller (same account, phone or email).</summary>
    SelfPurchase = 2,

    /// <summary>The seller's account was not active when the claim was to be paid: paid only once a manager approves it after reactivation.</summary>
    SellerNotActive = 3,

    /// <summary>The buyer named this seller after another claim on the item was declined or expired: a manager checks before paying.</summary>
    AfterFailedClaim = 4,

    /// <summary>Collusion evidence on a confirmed, paid sale: the buyer's phone is the phone of the seller's shop.</summary>
    SharedPhone = 5,

    /// <summary>Collusion evidence: the buyer and the seller opened scan pages from one device and network on one day (the same visitor hash).</summary>
    SharedVisitor = 6,

    /// <summary>Collusion evidence: the buyer registered many items sold by this seller within a short time.</summary>
    RepeatBuyer = 7,
}

/// <summary>
/// A seller's claim that they sold the item with this tag at their shop. At most one live claim holds a
/// tag (a unique index over <see cref="HoldingStates"/>), so two sellers can never both be paid for one
/// item; a second seller's claim is kept as a dispute.
/// </summary>
public sealed class Sale
{
    /// <summary>
    /// The states in which a claim holds its item. A claim that is over (expired, declined, rejected,
    /// returned) frees it, so another seller's honest claim can be recorded; a dispute never holds it.
    /// </summary>
    public static readonly IReadOnlyList<SaleState> HoldingStates =
        [SaleState.AwaitingBuyer, SaleState.Confirmed, SaleState.Flagged, SaleState.AwaitingConfirmation];

    /// <summary>Days after the sale (or after the buyer's registration, when that came first) in which the other half may follow.</summary>
    public const int DefaultWindowDays = 30;

    /// <summary>Default cap of sales one seller may record in a day, against mass-claiming tags.</summary>
    public const int DefaultDailyCap = 50;

    public long Id { get; set; }
    public long TagId { get; set; }

    /// <summary>
    /// How many times the item had been returned to a shop when the claim was made: each return starts a
    /// new time on sale, in which every seller may claim the item once more.
    /// </summary>
    public int Cycle { get; set; }

    public Guid SellerId { get; set; }
    public int ShopId { get; set; }
    public int PartnerId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public SaleState State { get; set; }
    public SaleFlag Flag { get; set; }

    /// <summary>The seller's points for this sale, fixed when it is recorded, paid when confirmed.</summary>
    public int Points { get; set; }

    /// <summary>The seller promotion running when the sale was recorded, if any (the best one for its product).</summary>
    public int? PromotionId { get; set; }

    /// <summary>That promotion's bonus, paid with <see cref="Points"/> when the sale is confirmed (0 without a promotion).</summary>
    public int PromotionPoints { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>When the buyer answered "did this seller sell you the item?" (or named the seller); null while unanswered.</summary>
    public DateTimeOffset? BuyerAnsweredAt { get; set; }

    /// <summary>The buyer named the seller (card or list) rather than the seller recording the sale.</summary>
    public bool NamedByBuyer { get; set; }

    /// <summary>
    /// The member who owned the item when the claim was confirmed or put to them: the only one who may
    /// answer "did this seller sell you the item?", even after the item changed owner.
    /// </summary>
    public Guid? BuyerId { get; set; }
}
