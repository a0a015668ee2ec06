using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// A contest's public page: what anyone needs to check a draw. The seed's hash from the start; the
/// entries list by number (no names); after the draw the seed and the winners in the order drawn,
/// recomputed here from the seed and the list by the published algorithm. <paramref name="MemberId"/>
/// (the signed-in reader, if any) gets their own entry number. Null when there is no such contest.
/// </summary>
public sealed record GetContestQuery(int ContestId, Guid? MemberId = null) : IQuery<ContestPage?>;

/// <summary><paramref name="Pool"/>: the entry numbers the draw picks from, ascending (the published list).</summary>
public sealed record ContestPage(
    int Id, string Title, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, ContestEntryKind EntryKind,
    ContestSelection Selection, string? PartnerName, int WinnerCount, int WinnerPoints, string? Prize,
    string? SeedHash, string? Seed, DateTimeOffset? DrawnAt,
    IReadOnlyList<PublishedEntry> Entries, IReadOnlyList<long> Pool, IReadOnlyList<long> DrawnWinners, long? MyEntry);

public sealed record PublishedEntry(long Number, int? Sales, bool Won);

public sealed class GetContestHandler(IClubDbFactory dbFactory) : IQueryHandler<GetContestQuery, ContestPage?>
{
    public async ValueTask<ContestPage?> Handle(GetContestQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, cancellationToken);
        if (contest is null)
        {
            return null;
        }

        var entries = await ContestEntries.AllAsync(db, contest, cancellationToken);
        var pool = entries.Where(ContestEntries.InPool).Select(e => e.EntryId).ToList();
        // The seed is shown only once drawn: before, it would let anyone predict the winners.
        var seed = contest.DrawnAt is null ? null : contest.Seed;
        var partner = contest.PartnerId is { } id ? await db.Partners.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return new ContestPage(
            contest.Id, contest.Title, contest.Description, contest.StartsAt, contest.EndsAt, contest.EntryKind, contest.Selection, partner,
            contest.WinnerCount, contest.WinnerPoints, contest.Prize, contest.SeedHash, seed, contest.DrawnAt,
            entries.Select(e => new PublishedEntry(e.EntryId, e.Sales, e.WonAt is not null)).ToList(),
            pool,
            seed is null ? [] : ContestDraw.Pick(seed, pool, contest.WinnerCount),
            query.MemberId is { } member ? entries.FirstOrDefault(e => e.MemberId == member)?.EntryId : null);
    }
}
