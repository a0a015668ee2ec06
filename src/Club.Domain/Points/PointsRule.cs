namespace Club.Domain.Points;

public enum PointsRuleKind
{
    /// <summary>Points for registering an item of one product; wins over its collection's rule.</summary>
    Product = 0,

    /// <summary>Points for registering an item of a collection whose product has no rule of its own.</summary>
    Collection = 1,

    /// <summary>Extra points for a buyer's first registered item.</summary>
    FirstItemBonus = 2,

    /// <summary>A seller's points for a sale that its buyer registers, when no seller rule below matches its product.</summary>
    SellerSale = 3,

    /// <summary>A seller's points for a sale of one product; wins over the seller's collection and category rules.</summary>
    SellerProduct = 4,

    /// <summary>A seller's points for a sale of a collection's product with no seller product rule.</summary>
    SellerCollection = 5,

    /// <summary>A seller's points for a sale of a category's product with no seller product or collection rule.</summary>
    SellerCategory = 6,

    // Activities: 30-39, one amount for buyers and one for sellers (names fit the 20-character column).

    /// <summary>A buyer's one-time points for a complete profile with a confirmed phone.</summary>
    BuyerProfile = 30,

    /// <summary>A seller's one-time points for a complete profile (with position and shop) and a confirmed phone.</summary>
    SellerProfile = 31,

    /// <summary>A buyer's points per social network subscription (once per network).</summary>
    BuyerSocial = 32,

    /// <summary>A seller's points per social network subscription (once per network).</summary>
    SellerSocial = 33,
    /// <summary>A buyer's points on their birthday, once a year (paid by the BirthdayRewards job).</summary>
    BuyerBirthday = 20,

    /// <summary>An active seller's points on their birthday, once a year.</summary>
    SellerBirthday = 21,
}

/// <summary>
/// One line of the points rules a program manager edits. Products without a product or collection rule
/// earn the points in their catalogue entry.
/// </summary>
public sealed class PointsRule
{
    public const int MaxPoints = 100_000;

    public int Id { get; set; }
    public PointsRuleKind Kind { get; set; }
    public int? ProductId { get; set; }
    public string? Collection { get; set; }

    /// <summary>A category code (<see cref="Products.CatalogueTerm"/>), for <see cref="PointsRuleKind.SellerCategory"/> only.</summary>
    public string? Category { get; set; }

    public int Points { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
