using Club.Application.Abstractions;
using Club.Domain.Activities;
using Club.Domain.Sales;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// A contest's entries as the draw and the published list see them: entry number (the entry's id),
/// member, and for a sales contest the entrant's confirmed sales between the contest's start and end
/// (at the contest's partner). The draw's pool is every entry, or for a sales contest those with a sale.
/// </summary>
internal static class ContestEntries
{
    public sealed record Scored(long EntryId, Guid MemberId, int? Sales, DateTimeOffset? WonAt);

    public static async Task<IReadOnlyList<Scored>> AllAsync(IClubDb db, Contest contest, CancellationToken cancellationToken)
    {
        var sales = contest.EntryKind == ContestEntryKind.Sales;
        return await db.ContestEntries.AsNoTracking()
            .Where(e => e.ContestId == contest.Id)
            .OrderBy(e => e.Id)
            .Select(e => new Scored(e.Id, e.MemberId,
                sales
                    ? (int?)db.Sales.Count(s => s.SellerId == e.MemberId && s.State == SaleState.Confirmed && s.ConfirmedAt >= contest.StartsAt
                                          && s.ConfirmedAt < contest.EndsAt && (contest.PartnerId == null || s.PartnerId == contest.PartnerId))
                    : null,
                e.WonAt))
            .ToListAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<Scored>> PoolAsync(IClubDb db, Contest contest, CancellationToken cancellationToken) =>
        (await AllAsync(db, contest, cancellationToken)).Where(InPool).ToList();

    public static bool InPool(Scored entry) => entry.Sales is null or > 0;
}
