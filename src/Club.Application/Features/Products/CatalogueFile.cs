namespace Club.Application.Features.Products;

/// <summary>
/// The catalogue's spreadsheet layout, shared by import and export so an exported file can be edited and
/// imported back. Reference columns hold an entry's code (its Russian or English name is accepted too).
/// </summary>
public static class CatalogueFile
{
    public const string Sku = "sku";
    public const string NameRu = "name_ru";
    public const string NameEn = "name_en";
    public const string Collection = "collection";
    public const string Category = "category";
    public const string Metal = "metal";
    public const string Stone = "stone";
    public const string Description = "description";
    public const string Price = "recommended_price";
    public const string Active = "active";

    public static IReadOnlyList<string> Columns { get; } = [Sku, NameRu, NameEn, Collection, Category, Metal, Stone, Description, Price, Active];

    /// <summary>Columns a file must have; the others may be left out (then empty, and "active" means yes).</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = [Sku, NameRu, Collection, Category, Metal];

    /// <summary>Upload limit: 20,000 rows of a catalogue stay far below it.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public const int MaxRows = 20_000;

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";
}
