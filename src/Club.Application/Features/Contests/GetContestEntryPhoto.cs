using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>An entry's photo, for brand staff and for the entrant; null for anyone else or no photo.</summary>
public sealed record GetContestEntryPhotoQuery(long EntryId, Guid ViewerId, bool ViewerIsStaff) : IQuery<ContestEntryPhoto?>;

public sealed record ContestEntryPhoto(string ContentType, byte[] Content, DateTimeOffset At);

public sealed class GetContestEntryPhotoHandler(IClubDbFactory dbFactory) : IQueryHandler<GetContestEntryPhotoQuery, ContestEntryPhoto?>
{
    public async ValueTask<ContestEntryPhoto?> Handle(GetContestEntryPhotoQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.ContestEntries.AsNoTracking()
            .Where(e => e.Id == query.EntryId && e.Photo != null && (query.ViewerIsStaff || e.MemberId == query.ViewerId))
            .Select(e => new ContestEntryPhoto(e.PhotoContentType!, e.Photo!, e.EnteredAt))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
