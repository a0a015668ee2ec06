using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// Contests, newest first. With a member: only those running now, with whether the member entered
/// and won. Without: all of them, for the manager.
/// </summary>
public sealed record ListContestsQuery(Guid? MemberId = null) : IQuery<IReadOnlyList<ContestRow>>;

public sealed record ContestRow(
    int Id, string Title, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int EntryPoints, int WinnerPoints,
    int Entries, int Winners, bool Entered, bool Won);

/// <summary>The entries of one contest for the manager picking winners.</summary>
public sealed record ListContestEntriesQuery(int ContestId) : IQuery<IReadOnlyList<ContestEntryRow>>;

public sealed record ContestEntryRow(Guid MemberId, string MemberName, DateTimeOffset EnteredAt, bool Won);

public sealed class ListContestsHandler(IClubDbFactory dbFactory, TimeProvider clock)
    : IQueryHandler<ListContestsQuery, IReadOnlyList<ContestRow>>, IQueryHandler<ListContestEntriesQuery, IReadOnlyList<ContestEntryRow>>
{
    public async ValueTask<IReadOnlyList<ContestRow>> Handle(ListContestsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var member = query.MemberId;
        var contests = db.Contests.AsNoTracking();
        if (member is not null)
        {
            contests = contests.Where(c => c.StartsAt <= now && c.EndsAt > now);
        }

        return await contests.OrderByDescending(c => c.Id).Take(200)
            .Select(c => new ContestRow(
                c.Id, c.Title, c.Description, c.StartsAt, c.EndsAt, c.EntryPoints, c.WinnerPoints,
                db.ContestEntries.Count(e => e.ContestId == c.Id),
                db.ContestEntries.Count(e => e.ContestId == c.Id && e.WonAt != null),
                db.ContestEntries.Any(e => e.ContestId == c.Id && e.MemberId == member),
                db.ContestEntries.Any(e => e.ContestId == c.Id && e.MemberId == member && e.WonAt != null)))
            .ToListAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ContestEntryRow>> Handle(ListContestEntriesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await (
                from e in db.ContestEntries.AsNoTracking()
                join m in db.Members on e.MemberId equals m.Id
                where e.ContestId == query.ContestId
                orderby e.EnteredAt, e.Id
                select new ContestEntryRow(e.MemberId, m.FullName, e.EnteredAt, e.WonAt != null))
            .Take(5000).ToListAsync(cancellationToken);
    }
}
