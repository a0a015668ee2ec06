using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>A gift's photo bytes, or null when it has none (the page then draws a neutral box).</summary>
public sealed record GetGiftPhotoQuery(int GiftId) : IQuery<GiftPhotoFile?>;

public sealed record GiftPhotoFile(string ContentType, byte[] Content, DateTimeOffset UploadedAt);

public sealed class GetGiftPhotoHandler(IClubDbFactory dbFactory) : IQueryHandler<GetGiftPhotoQuery, GiftPhotoFile?>
{
    public async ValueTask<GiftPhotoFile?> Handle(GetGiftPhotoQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.GiftPhotos.AsNoTracking().Where(p => p.GiftId == query.GiftId)
            .Select(p => new GiftPhotoFile(p.ContentType, p.Content, p.UploadedAt)).SingleOrDefaultAsync(cancellationToken);
    }
}
