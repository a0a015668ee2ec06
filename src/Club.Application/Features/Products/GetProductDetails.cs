using Club.Application.Abstractions;
using Club.Domain.Products;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Products;

/// <summary>A product as its editor shows it, with its photos (ids only) and whether tags have been made for it.</summary>
public sealed record GetProductDetailsQuery(int ProductId) : IQuery<ProductDetails?>;

public sealed record ProductDetails(
    int Id, uint Version, string Sku, string Name, string? NameEn, string Collection, string Category, string Metal, string? Stone,
    string? Description, decimal? RecommendedPrice, bool IsActive, bool HasTags, IReadOnlyList<ProductPhotoRow> Photos);

public sealed record ProductPhotoRow(int Id, int Position, int Width, int Height)
{
    public string Url => ProductPhoto.Url(Id);
    public string ThumbnailUrl => ProductPhoto.Url(Id, thumbnail: true);
}

public sealed class GetProductDetailsHandler(IClubDbFactory dbFactory) : IQueryHandler<GetProductDetailsQuery, ProductDetails?>
{
    public async ValueTask<ProductDetails?> Handle(GetProductDetailsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProductId, cancellationToken);
        if (product is null)
        {
            return null;
        }

        var hasTags = await db.TagBatches.AnyAsync(b => b.ProductId == product.Id, cancellationToken);
        var photos = await db.ProductPhotos.AsNoTracking().Where(p => p.ProductId == product.Id).OrderBy(p => p.Position).ThenBy(p => p.Id)
            .Select(p => new ProductPhotoRow(p.Id, p.Position, p.Width, p.Height)).ToListAsync(cancellationToken);
        return new ProductDetails(
            product.Id, product.Version, product.Sku, product.Name, product.NameEn, product.Collection, product.Category, product.Metal,
            product.Stone, product.Description, product.RecommendedPrice, product.IsActive, hasTags, photos);
    }
}
