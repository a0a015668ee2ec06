using Club.Application.Abstractions;
using Club.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Products;

/// <summary>
/// One page of the catalogue for the people who maintain it: by SKU or name (either language),
/// archived products included on request.
/// </summary>
public sealed record SearchProductsQuery(string? Search, int Page = 1, bool Archived = false) : IQuery<ProductSearchPage>;

public sealed record ProductSearchRow(int Id, string Sku, string Name, string? NameEn, string Collection, string Category, string? PhotoUrl, bool IsActive);

public sealed record ProductSearchPage(IReadOnlyList<ProductSearchRow> Rows, int Page, int Pages, int Total);

public sealed class SearchProductsHandler(IClubDbFactory dbFactory) : IQueryHandler<SearchProductsQuery, ProductSearchPage>
{
    public const int PageSize = 30;

    public async ValueTask<ProductSearchPage> Handle(SearchProductsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var products = db.Products.AsNoTracking().Where(p => p.IsActive != query.Archived);
        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search) && search.Length <= Product.MaxNameLength)
        {
            // Lower-cased on both sides: case-insensitive without a provider-specific ILIKE in this layer.
            var pattern = "%" + search.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            products = products.Where(p => EF.Functions.Like(p.Sku.ToLower(), pattern, "\\")
                || EF.Functions.Like(p.Name.ToLower(), pattern, "\\")
                || EF.Functions.Like((p.NameEn ?? "").ToLower(), pattern, "\\"));
        }

        var total = await products.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var rows = await products.OrderBy(p => p.Sku)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new ProductSearchRow(p.Id, p.Sku, p.Name, p.NameEn, p.Collection, p.Category, p.PhotoUrl, p.IsActive))
            .ToListAsync(cancellationToken);
        return new ProductSearchPage(rows, page, pages, total);
    }
}
