using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>
/// A gift's photo bytes, or null when it has none or the viewer may not see the gift (a draft, another
/// partner's gift). Members see the photos of gifts they can see or have ordered; a null viewer is
/// brand staff, who see every gift.
/// </summary>
public sealed record GetGiftPhotoQuery(int GiftId, GiftViewer? Viewer = null) : IQuery<GiftPhotoFile?>;

public sealed record GiftPhotoFile(string ContentType, byte[] Content, DateTimeOffset UploadedAt);

public sealed class GetGiftPhotoHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<GetGiftPhotoQuery, GiftPhotoFile?>
{
    public async ValueTask<GiftPhotoFile?> Handle(GetGiftPhotoQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (query.Viewer is { } viewer)
        {
            var audience = await GiftVisibility.ResolveAsync(db, viewer, clock.GetUtcNow(), cancellationToken);
            var allowed = await db.Gifts.VisibleTo(audience, clock.GetUtcNow()).AnyAsync(g => g.Id == query.GiftId, cancellationToken)
                || await db.GiftOrders.AnyAsync(o => o.GiftId == query.GiftId && o.MemberId == viewer.MemberId, cancellationToken);
            if (!allowed)
            {
                return null;
            }
        }

        return await db.GiftPhotos.AsNoTracking().Where(p => p.GiftId == query.GiftId)
            .Select(p => new GiftPhotoFile(p.ContentType, p.Content, p.UploadedAt)).SingleOrDefaultAsync(cancellationToken);
    }
}
