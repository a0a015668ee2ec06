using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>The most scanned serials that are no tag of ours: the fakes in circulation, for brand staff.</summary>
public sealed record ListUnknownSerialsQuery(int Take = 50) : IQuery<IReadOnlyList<UnknownSerialItem>>;

public sealed record UnknownSerialItem(string Serial, bool WellFormed, long Scans, long Visitors, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);

public sealed class ListUnknownSerialsHandler(IClubDbFactory dbFactory) : IQueryHandler<ListUnknownSerialsQuery, IReadOnlyList<UnknownSerialItem>>
{
    public async ValueTask<IReadOnlyList<UnknownSerialItem>> Handle(ListUnknownSerialsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.UnknownSerials.AsNoTracking()
            .OrderByDescending(u => u.Scans)
            .Take(Math.Clamp(query.Take, 1, 500))
            .Select(u => new UnknownSerialItem(u.Serial, u.WellFormed, u.Scans, u.Visitors, u.FirstSeenAt, u.LastSeenAt))
            .ToListAsync(cancellationToken);
    }
}
