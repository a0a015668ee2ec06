namespace Club.Domain.Sales;

/// <summary>
/// A seller's code printed as a QR on their card, so a buyer can name them as the seller of an item.
/// A random code rather than the seller's id: the card reveals no account identifier and can be replaced.
/// </summary>
public sealed class SellerCard
{
    public const int CodeLength = 8;

    public Guid SellerId { get; set; }
    public required string Code { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
