using System.Globalization;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Reports;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Club.Application.Features.Products;

/// <summary>The whole catalogue in the import's layout (<see cref="CatalogueFile"/>), as XLSX or CSV.</summary>
public sealed record ExportCatalogueQuery(bool Csv) : IQuery<ExportedFile>;

public sealed record ExportedFile(byte[] Content, string ContentType, string FileName);

public sealed class ExportCatalogueHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<ExportCatalogueQuery, ExportedFile>
{
    public async ValueTask<ExportedFile> Handle(ExportCatalogueQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Sku)
            .Select(p => new { p.Sku, p.Name, p.NameEn, p.Collection, p.Category, p.Metal, p.Stone, p.Description, p.RecommendedPrice, p.IsActive })
            .ToListAsync(cancellationToken);
        var rows = products.Select(p => new object?[]
        {
            p.Sku, p.Name, p.NameEn, p.Collection, p.Category, p.Metal, p.Stone, p.Description, p.RecommendedPrice, p.IsActive ? 1 : 0,
        }).ToList();
        var name = $"catalogue-{clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        return query.Csv
            ? new ExportedFile(Csv(rows), CatalogueFile.CsvContentType, name + ".csv")
            : new ExportedFile(Xlsx(rows), CatalogueFile.XlsxContentType, name + ".xlsx");
    }

    private static byte[] Xlsx(List<object?[]> rows)
    {
        var sheet = rows.Select(values =>
        {
            var line = new Dictionary<string, object?>();
            for (var i = 0; i < CatalogueFile.Columns.Count; i++)
            {
                line[CatalogueFile.Columns[i]] = values[i];
            }

            return line;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet);
        return stream.ToArray();
    }

    /// <summary>UTF-8 with a byte-order mark and semicolons, as spreadsheet programs in Russia open it; prices with a dot.</summary>
    private static byte[] Csv(List<object?[]> rows)
    {
        var text = new StringBuilder().AppendJoin(';', CatalogueFile.Columns).Append("\r\n");
        foreach (var values in rows)
        {
            text.AppendJoin(';', values.Select(v => ReportFiles.Cell(v, CultureInfo.InvariantCulture))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
