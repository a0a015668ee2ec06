namespace Club.Domain.Products;

/// <summary>The categories the demo data and the fallback drawing know; the list itself is editable (<see cref="CatalogueTerm"/>).</summary>
public static class ProductCategories
{
    public const string Ring = nameof(Ring);
    public const string Earrings = nameof(Earrings);
    public const string Pendant = nameof(Pendant);
    public const string Bracelet = nameof(Bracelet);
    public const string Necklace = nameof(Necklace);
    public const string Brooch = nameof(Brooch);
}

/// <summary>An article of the brand's assortment; tags are printed for products.</summary>
public sealed class Product
{
    public const int MaxSkuLength = 32;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const decimal MaxPrice = 100_000_000m;

    /// <summary>Photos per product: enough for every side of a piece, few enough to keep the page light.</summary>
    public const int MaxPhotos = 8;

    public int Id { get; set; }

    /// <summary>The brand's article number, unique, used by factory staff to pick a product; fixed once a tag exists.</summary>
    public required string Sku { get; set; }

    /// <summary>The Russian name (the club's main language).</summary>
    public required string Name { get; set; }

    public string? NameEn { get; set; }

    /// <summary>Codes of <see cref="CatalogueTerm"/> entries of the matching list.</summary>
    public required string Collection { get; set; }

    public required string Category { get; set; }
    public required string Metal { get; set; }
    public string? Stone { get; set; }

    public string? Description { get; set; }

    /// <summary>Recommended retail price in roubles.</summary>
    public decimal? RecommendedPrice { get; set; }

    /// <summary>
    /// The main photo's address, or the drawing's (/media/products/{sku}.svg) while the product has no
    /// photo: kept in the row so the scan page and certificates need no second query.
    /// </summary>
    public string? PhotoUrl { get; set; }

    /// <summary>Points a buyer earns for registering one item of this product.</summary>
    public int Points { get; set; }

    /// <summary>False: archived. Not offered for new batches; its existing tags keep working.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>PostgreSQL's xmin: two admins saving the same product cannot overwrite each other unseen.</summary>
    public uint Version { get; set; }

    public static string DrawingUrl(string sku) => $"/media/products/{Uri.EscapeDataString(sku)}.svg";
}

/// <summary>
/// A product photo, re-encoded on upload (which drops EXIF and GPS) at a bounded size with a thumbnail.
/// Kept in PostgreSQL like gift photos, so every web node serves it; its own table keeps listings light.
/// </summary>
public sealed class ProductPhoto
{
    /// <summary>Upload limit before processing; what is stored is far smaller.</summary>
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    public int Id { get; set; }
    public int ProductId { get; set; }

    /// <summary>0 is the main photo, shown on the scan page and certificates.</summary>
    public int Position { get; set; }

    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public required byte[] Thumbnail { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    public static string Url(int photoId, bool thumbnail = false) => $"/media/product-photos/{photoId}{(thumbnail ? "/thumb" : "")}";
}
