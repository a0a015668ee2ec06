using Club.Application.Abstractions;
using Club.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Riok.Mapperly.Abstractions;

namespace Club.Application.Features.Products;

/// <summary>The assortment, for the people who print tags for it and set its points.</summary>
public sealed record ListProductsQuery(string? Collection = null) : IQuery<IReadOnlyList<ProductListItem>>;

public sealed record ProductListItem(
    int Id,
    string Sku,
    string Name,
    string Collection,
    string Category,
    string Metal,
    string? Stone,
    string? PhotoUrl,
    int Points,
    bool IsActive);

// Only the listing's fields are projected: the editor's (names in English, description, price) stay unread.
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ProductListItemMapper
{
    public static partial IQueryable<ProductListItem> ProjectToListItem(this IQueryable<Product> products);
}

public sealed class ListProductsHandler(IClubDbFactory dbFactory)
    : IQueryHandler<ListProductsQuery, IReadOnlyList<ProductListItem>>
{
    public async ValueTask<IReadOnlyList<ProductListItem>> Handle(ListProductsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var products = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Collection))
        {
            products = products.Where(p => p.Collection == query.Collection);
        }

        return await products
            .OrderBy(p => p.Collection).ThenBy(p => p.Sku)
            .ProjectToListItem()
            .ToListAsync(cancellationToken);
    }
}
