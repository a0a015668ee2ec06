namespace Club.Domain.Points;

/// <summary>
/// The points an item of a product earns when it is registered: the product's own rule, else its
/// collection's rule, else the points in its catalogue entry. A database view (<c>product_points</c>),
/// so the scan page's raw lookup and the registration's EF query read the one rule.
/// </summary>
public sealed class ProductPoints
{
    public int ProductId { get; init; }
    public int Points { get; init; }
}
