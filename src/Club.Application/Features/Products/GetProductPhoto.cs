using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Products;

/// <summary>A product photo's bytes (or its thumbnail's). Product photos are public, like the scan page that shows them.</summary>
public sealed record GetProductPhotoQuery(int PhotoId, bool Thumbnail) : IQuery<ProductPhotoFile?>;

public sealed record ProductPhotoFile(string ContentType, byte[] Content, DateTimeOffset UploadedAt);

public sealed class GetProductPhotoHandler(IClubDbFactory dbFactory) : IQueryHandler<GetProductPhotoQuery, ProductPhotoFile?>
{
    public async ValueTask<ProductPhotoFile?> Handle(GetProductPhotoQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var photos = db.ProductPhotos.AsNoTracking().Where(p => p.Id == query.PhotoId);
        return query.Thumbnail
            ? await photos.Select(p => new ProductPhotoFile(p.ContentType, p.Thumbnail, p.UploadedAt)).SingleOrDefaultAsync(cancellationToken)
            : await photos.Select(p => new ProductPhotoFile(p.ContentType, p.Content, p.UploadedAt)).SingleOrDefaultAsync(cancellationToken);
    }
}
