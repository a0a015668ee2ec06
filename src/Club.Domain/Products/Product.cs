namespace Club.Domain.Products;

public enum ProductCategory
{
    Ring = 0,
    Earrings = 1,
    Pendant = 2,
    Bracelet = 3,
    Necklace = 4,
    Brooch = 5,
}

/// <summary>An article of the brand's assortment; tags are printed for products.</summary>
public sealed class Product
{
    public const int MaxSkuLength = 32;

    public int Id { get; set; }

    /// <summary>The brand's article number, unique, used by factory staff to pick a product.</summary>
    public required string Sku { get; set; }

    public required string Name { get; set; }
    public required string Collection { get; set; }
    public ProductCategory Category { get; set; }
    public required string Metal { get; set; }
    public string? Stone { get; set; }
    public string? PhotoUrl { get; set; }

    /// <summary>Points a buyer earns for registering one item of this product.</summary>
    public int Points { get; set; }

    public bool IsActive { get; set; } = true;
}
