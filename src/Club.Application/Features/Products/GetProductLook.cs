using Club.Application.Abstractions;
using Club.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Products;

/// <summary>What a product looks like, for drawing its picture when it has no photo.</summary>
public sealed record GetProductLookQuery(string Sku) : IQuery<ProductLook?>;

public sealed record ProductLook(string Category, string Metal, string? Stone);

public sealed class GetProductLookHandler(IClubDbFactory dbFactory) : IQueryHandler<GetProductLookQuery, ProductLook?>
{
    public async ValueTask<ProductLook?> Handle(GetProductLookQuery query, CancellationToken cancellationToken)
    {
        if (query.Sku.Length > Product.MaxSkuLength)
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Products
            .Where(p => p.Sku == query.Sku)
            .Select(p => new ProductLook(p.Category, p.Metal, p.Stone))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
