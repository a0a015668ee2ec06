using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// Contests, newest first. With a member: only those running now that the member may enter (a partner's
/// contest only for that partner's members), with whether the member entered and won. Without: all of
/// them, for the manager.
/// </summary>
public sealed record ListContestsQuery(Guid? MemberId = null) : IQuery<IReadOnlyList<ContestRow>>;

public sealed record ContestRow(
    int Id, string Title, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int EntryPoints, int WinnerPoints,
    int Entries, int Winners, bool Entered, bool Won)
{
    public ContestEntryKind EntryKind { get; init; }
    public ContestSelection Selection { get; init; }
    public string? PartnerName { get; init; }
    public int WinnerCount { get; init; } = 1;
    public string? Prize { get; init; }
    public DateTimeOffset? DrawnAt { get; init; }

    /// <summary>The entries have closed (the contest's end has passed).</summary>
    public bool Closed { get; init; }
}

/// <summary>The entries of one contest for the manager picking winners or drawing them.</summary>
public sealed record ListContestEntriesQuery(int ContestId) : IQuery<IReadOnlyList<ContestEntryRow>>;

/// <summary>One entry: its number, who, when, the text, whether it has a photo, and a sales contest's score.</summary>
public sealed record ContestEntryRow(Guid MemberId, string MemberName, DateTimeOffset EnteredAt, bool Won)
{
    public long Number { get; init; }
    public string? Text { get; init; }
    public bool HasPhoto { get; init; }
    public int? Sales { get; init; }
}

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
            var partner = await db.Members.Where(m => m.Id == member).Select(m => m.PartnerId).SingleOrDefaultAsync(cancellationToken);
            contests = contests.Where(c => c.StartsAt <= now && c.EndsAt > now && (c.PartnerId == null || c.PartnerId == partner));
        }

        return await contests.OrderByDescending(c => c.Id).Take(200)
            .Select(c => new ContestRow(
                c.Id, c.Title, c.Description, c.StartsAt, c.EndsAt, c.EntryPoints, c.WinnerPoints,
                db.ContestEntries.Count(e => e.ContestId == c.Id),
                db.ContestEntries.Count(e => e.ContestId == c.Id && e.WonAt != null),
                db.ContestEntries.Any(e => e.ContestId == c.Id && e.MemberId == member),
                db.ContestEntries.Any(e => e.ContestId == c.Id && e.MemberId == member && e.WonAt != null))
            {
                EntryKind = c.EntryKind,
                Selection = c.Selection,
                PartnerName = db.Partners.Where(p => p.Id == c.PartnerId).Select(p => p.Name).FirstOrDefault(),
                WinnerCount = c.WinnerCount,
                Prize = c.Prize,
                DrawnAt = c.DrawnAt,
                Closed = c.EndsAt <= now,
            })
            .ToListAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ContestEntryRow>> Handle(ListContestEntriesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, cancellationToken);
        if (contest is null)
        {
            return [];
        }

        var scores = (await ContestEntries.AllAsync(db, contest, cancellationToken)).ToDictionary(e => e.EntryId, e => e.Sales);
        var rows = await (
                from e in db.ContestEntries.AsNoTracking()
                join m in db.Members on e.MemberId equals m.Id
                where e.ContestId == query.ContestId
                orderby e.EnteredAt, e.Id
                select new ContestEntryRow(e.MemberId, m.FullName, e.EnteredAt, e.WonAt != null) { Number = e.Id, Text = e.Text, HasPhoto = e.Photo != null })
            .Take(5000).ToListAsync(cancellationToken);
        return contest.EntryKind == ContestEntryKind.Sales
            ? rows.Select(r => r with { Sales = scores.GetValueOrDefault(r.Number) }).OrderByDescending(r => r.Sales).ThenBy(r => r.Number).ToList()
            : rows;
    }
}
