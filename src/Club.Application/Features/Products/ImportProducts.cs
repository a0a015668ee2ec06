using System.Globalization;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using MiniExcelLibs.Csv;

namespace Club.Application.Features.Products;

/// <summary>
/// Reads a catalogue spreadsheet (XLSX or CSV, <see cref="CatalogueFile"/> columns) and says per row what
/// it would do: create the product, update the one with that SKU, or refuse the row (column and reason).
/// With <paramref name="Apply"/> the rows are then written in one transaction by one set-based upsert;
/// if any row is refused nothing is written unless <paramref name="SkipRefused"/> says to leave those rows out.
/// </summary>
public sealed record ImportProductsCommand(byte[] File, bool Apply, bool SkipRefused) : ICommand<ImportReport>;

public enum ImportOutcome
{
    Created = 0,
    Updated = 1,
    Refused = 2,
}

/// <summary>One data row: its line in the file (the header is line 1), and for a refused row the column and reason.</summary>
public sealed record ImportRow(int Line, string Sku, ImportOutcome Outcome, string? Column = null, UserMessage? Reason = null);

/// <summary>Every row's outcome, whether they were written (Applied), or why the file as a whole could not be read.</summary>
public sealed record ImportReport(IReadOnlyList<ImportRow> Rows, bool Applied, UserMessage? FileError = null)
{
    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}

public sealed class ImportProductsHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<ImportProductsCommand, ImportReport>
{
    public async ValueTask<ImportReport> Handle(ImportProductsCommand command, CancellationToken cancellationToken)
    {
        if (command.File.Length == 0)
        {
            return new ImportReport([], false, "Choose an XLSX or CSV file.");
        }

        if (command.File.Length > CatalogueFile.MaxBytes)
        {
            return new ImportReport([], false, new UserMessage("The file is larger than {0} MB.", [CatalogueFile.MaxBytes / (1024 * 1024)]));
        }

        List<IDictionary<string, object?>> lines;
        try
        {
            lines = Read(command.File);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or IOException or ArgumentException or DecoderFallbackException)
        {
            return new ImportReport([], false, "The file could not be read. Save it as XLSX or as CSV (UTF-8) and try again.");
        }

        if (lines.Count > CatalogueFile.MaxRows)
        {
            return new ImportReport([], false, new UserMessage("The file has more than {0:N0} rows. Split it into several files.", [CatalogueFile.MaxRows]));
        }

        var headers = lines.FirstOrDefault()?.Keys.Select(k => k.Trim().ToLowerInvariant()).ToHashSet() ?? [];
        if (CatalogueFile.RequiredColumns.FirstOrDefault(c => !headers.Contains(c)) is { } missing)
        {
            return new ImportReport([], false, new UserMessage("The file has no column \"{0}\". The first row must name the columns.", [missing]));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var terms = await db.CatalogueTerms.AsNoTracking().ToListAsync(cancellationToken);
        var skus = lines.Select(l => Text(l, CatalogueFile.Sku)).Where(s => s.Length > 0).Distinct().ToArray();
        var existing = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku))
            .ToDictionaryAsync(p => p.Sku, p => new Existing(p.Collection, p.Category, p.Metal, p.Stone), cancellationToken);

        var rows = new List<ImportRow>(lines.Count);
        var accepted = new List<ProductLine>(lines.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var (row, product) = Check(lines[i], i + 2, terms, existing, seen);
            rows.Add(row);
            if (product is not null)
            {
                accepted.Add(product);
            }
        }

        var refused = rows.Any(r => r.Outcome == ImportOutcome.Refused);
        if (!command.Apply || (refused && !command.SkipRefused) || accepted.Count == 0)
        {
            return new ImportReport(rows, false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Updated products are logged as they were and as they are (locked meanwhile); created ones by SKU.
        var updated = rows.Where(r => r.Outcome == ImportOutcome.Updated).Select(r => r.Sku).ToArray();
        var before = await SnapshotsAsync(db, updated, lockRows: true, cancellationToken);
        await UpsertAsync(db, accepted, cancellationToken);
        await audit.RecordAsync(
            new AuditChange("product.import", "product", "import", new { Products = before }, new
            {
                Created = rows.Where(r => r.Outcome == ImportOutcome.Created).Select(r => r.Sku),
                Updated = updated,
                Skipped = rows.Count(r => r.Outcome == ImportOutcome.Refused),
                Products = await SnapshotsAsync(db, updated, lockRows: false, cancellationToken),
            }),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportReport(rows, true);
    }

    private sealed record Existing(string Collection, string Category, string Metal, string? Stone);

    private sealed record ProductLine(
        string Sku, string Name, string? NameEn, string Collection, string Category, string Metal, string? Stone,
        string? Description, decimal? Price, bool Active);

    /// <summary>One row checked against the rules of the product editor; the first broken rule is reported.</summary>
    private static (ImportRow Row, ProductLine? Product) Check(
        IDictionary<string, object?> line, int number, List<CatalogueTerm> terms, Dictionary<string, Existing> existing, HashSet<string> seen)
    {
        var sku = Text(line, CatalogueFile.Sku);
        ImportRow Refuse(string column, UserMessage reason) => new(number, sku, ImportOutcome.Refused, column, reason);

        if (!ProductSku.IsWellFormed(sku))
        {
            return (Refuse(CatalogueFile.Sku, sku.Length == 0 ? "Enter the SKU." : "The SKU may contain Latin letters, digits, dots, hyphens and underscores."), null);
        }

        if (!seen.Add(sku))
        {
            return (Refuse(CatalogueFile.Sku, "This SKU is in the file twice."), null);
        }

        var name = Text(line, CatalogueFile.NameRu);
        if (name.Length is 0 or > Product.MaxNameLength)
        {
            return (Refuse(CatalogueFile.NameRu, new UserMessage("Enter the name (up to {0} characters).", [Product.MaxNameLength])), null);
        }

        var nameEn = Text(line, CatalogueFile.NameEn);
        if (nameEn.Length > Product.MaxNameLength)
        {
            return (Refuse(CatalogueFile.NameEn, new UserMessage("Enter the name (up to {0} characters).", [Product.MaxNameLength])), null);
        }

        existing.TryGetValue(sku, out var current);
        var resolved = new Dictionary<CatalogueList, string?>();
        foreach (var (list, column, required, now) in new[]
                 {
                     (CatalogueList.Collection, CatalogueFile.Collection, true, current?.Collection),
                     (CatalogueList.Category, CatalogueFile.Category, true, current?.Category),
                     (CatalogueList.Metal, CatalogueFile.Metal, true, current?.Metal),
                     (CatalogueList.Stone, CatalogueFile.Stone, false, current?.Stone),
                 })
        {
            var value = Text(line, column);
            if (value.Length == 0)
            {
                if (required)
                {
                    return (Refuse(column, "This column must not be empty."), null);
                }

                resolved[list] = null;
                continue;
            }

            var term = terms.FirstOrDefault(t => t.List == list && t.Code == value)
                ?? terms.FirstOrDefault(t => t.List == list && (string.Equals(t.NameRu, value, StringComparison.CurrentCultureIgnoreCase)
                                                               || string.Equals(t.NameEn, value, StringComparison.OrdinalIgnoreCase)));
            if (term is null || (!term.IsActive && term.Code != now))
            {
                return (Refuse(column, new UserMessage("\"{0}\" is not in the reference list.", [Shorten(value)])), null);
            }

            resolved[list] = term.Code;
        }

        var description = Text(line, CatalogueFile.Description);
        if (description.Length > Product.MaxDescriptionLength)
        {
            return (Refuse(CatalogueFile.Description, new UserMessage("The description is too long (up to {0} characters).", [Product.MaxDescriptionLength])), null);
        }

        decimal? price = null;
        if (line.TryGetValue(CatalogueFile.Price, out var priceCell) && priceCell is not null && Text(line, CatalogueFile.Price).Length > 0)
        {
            price = Price(priceCell);
            if (price is null or < 0 or > Product.MaxPrice || decimal.Round(price.Value, 2) != price)
            {
                return (Refuse(CatalogueFile.Price, new UserMessage("The price is a number of roubles from 0 to {0:N0}, with at most two decimals.", [Product.MaxPrice])), null);
            }
        }

        var active = Active(Text(line, CatalogueFile.Active));
        if (active is null)
        {
            return (Refuse(CatalogueFile.Active, "Write yes or no (1 or 0)."), null);
        }

        return (new ImportRow(number, sku, current is null ? ImportOutcome.Created : ImportOutcome.Updated),
            new ProductLine(sku, name, Optional(nameEn), resolved[CatalogueList.Collection]!, resolved[CatalogueList.Category]!,
                resolved[CatalogueList.Metal]!, resolved[CatalogueList.Stone], Optional(description), price, active.Value));
    }

    /// <summary>
    /// Every accepted row in one statement (arrays unnested into rows): thousands of products cost one round
    /// trip, not one per product. An existing product keeps its points, photos and tags; the SKU is the key.
    /// </summary>
    private static async Task<Dictionary<string, object>> SnapshotsAsync(IClubDb db, string[] skus, bool lockRows, CancellationToken cancellationToken)
    {
        if (lockRows)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM products WHERE sku = ANY({skus}) FOR UPDATE", cancellationToken);
        }

        var products = await db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).ToListAsync(cancellationToken);
        return products.ToDictionary(p => p.Sku, SaveProductHandler.Snapshot);
    }

    private static async Task UpsertAsync(IClubDb db, List<ProductLine> lines, CancellationToken cancellationToken)
    {
        var skus = lines.Select(l => l.Sku).ToArray();
        var names = lines.Select(l => l.Name).ToArray();
        var namesEn = lines.Select(l => l.NameEn).ToArray();
        var collections = lines.Select(l => l.Collection).ToArray();
        var categories = lines.Select(l => l.Category).ToArray();
        var metals = lines.Select(l => l.Metal).ToArray();
        var stones = lines.Select(l => l.Stone).ToArray();
        var descriptions = lines.Select(l => l.Description).ToArray();
        var prices = lines.Select(l => l.Price).ToArray();
        var actives = lines.Select(l => l.Active).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO products (sku, name, name_en, collection, category, metal, stone, description, recommended_price, is_active, points, photo_url)
            SELECT r.sku, r.name, r.name_en, r.collection, r.category, r.metal, r.stone, r.description, r.price, r.active, 0,
                   '/media/products/' || r.sku || '.svg'
            FROM unnest({skus}::text[], {names}::text[], {namesEn}::text[], {collections}::text[], {categories}::text[], {metals}::text[],
                        {stones}::text[], {descriptions}::text[], {prices}::numeric[], {actives}::boolean[])
                 AS r(sku, name, name_en, collection, category, metal, stone, description, price, active)
            ON CONFLICT (sku) DO UPDATE SET
                name = excluded.name, name_en = excluded.name_en, collection = excluded.collection, category = excluded.category,
                metal = excluded.metal, stone = excluded.stone, description = excluded.description,
                recommended_price = excluded.recommended_price, is_active = excluded.is_active
            """, cancellationToken);
    }

    /// <summary>The rows as header → value; XLSX when the file is a zip (as every XLSX is), else CSV with ";" or ",".</summary>
    private static List<IDictionary<string, object?>> Read(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        if (file.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            return [.. MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Where(NotBlank)];
        }

        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file);
        var header = text.AsSpan().TrimStart('\uFEFF');
        var firstLine = header[..Math.Max(0, header.IndexOfAny('\r', '\n') is var end and >= 0 ? end : header.Length)];
        var separator = firstLine.Count(';') > firstLine.Count(',') ? ';' : ',';
        return [.. MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.CSV, configuration: new CsvConfiguration { Seperator = separator })
            .Cast<IDictionary<string, object?>>().Where(NotBlank)];
    }

    private static bool NotBlank(IDictionary<string, object?> line) => line.Values.Any(v => !string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture)));

    private static string Text(IDictionary<string, object?> line, string column)
    {
        foreach (var (key, value) in line)
        {
            if (string.Equals(key.Trim(), column, StringComparison.OrdinalIgnoreCase))
            {
                return (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Trim();
            }
        }

        return "";
    }

    private static decimal? Price(object cell) => cell switch
    {
        double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 1e15 => Math.Round((decimal)d, 6),
        decimal m => m,
        int i => i,
        long l => l,
        // "12 500,50" as a Russian spreadsheet writes it, or "12500.50".
        _ => decimal.TryParse(
            (Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace(',', '.'),
            NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
    };

    private static bool? Active(string value) => value.ToLowerInvariant() switch
    {
        "" or "1" or "yes" or "true" or "да" or "y" => true,
        "0" or "no" or "false" or "нет" or "n" => false,
        _ => null,
    };

    private static string? Optional(string text) => text.Length == 0 ? null : text;

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
