using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.News;

/// <summary>A news item's picture (re-encoded at upload), or null without one.</summary>
public sealed record GetNewsPictureQuery(int NewsId) : IQuery<NewsPicture?>;

public sealed record NewsPicture(string ContentType, byte[] Content);

public sealed class GetNewsPictureHandler(IClubDbFactory dbFactory) : IQueryHandler<GetNewsPictureQuery, NewsPicture?>
{
    public async ValueTask<NewsPicture?> Handle(GetNewsPictureQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.NewsItems.Where(n => n.Id == query.NewsId && n.Picture != null)
            .Select(n => new NewsPicture(n.PictureType!, n.Picture!))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
