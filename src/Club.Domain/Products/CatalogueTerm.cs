namespace Club.Domain.Products;

/// <summary>The reference lists a product is described by.</summary>
public enum CatalogueList
{
    Collection = 0,
    Category = 1,
    Metal = 2,
    Stone = 3,
}

/// <summary>
/// One entry of a reference list (a collection, category, metal or stone). Products, promotions and
/// reports store its <see cref="Code"/>, which never changes, so renaming an entry in either language
/// renames it everywhere without touching a product.
/// </summary>
public sealed class CatalogueTerm
{
    public const int MaxCodeLength = 100;
    public const int MaxNameLength = 100;

    public CatalogueList List { get; set; }

    /// <summary>The stable key: what import files and products carry (for the demo, the Russian name).</summary>
    public required string Code { get; set; }

    public required string NameRu { get; set; }
    public required string NameEn { get; set; }

    /// <summary>Inactive entries stay on the products that have them but are no longer offered for new ones.</summary>
    public bool IsActive { get; set; } = true;

    public string Name(bool english) => english && NameEn.Length > 0 ? NameEn : NameRu;
}
