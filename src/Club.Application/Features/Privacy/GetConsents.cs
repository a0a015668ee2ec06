using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>A member's consents as they stand and how they came to be: for the cabinet and the member desk.</summary>
public sealed record GetConsentsQuery(Guid MemberId) : IQuery<MemberConsents>;

/// <summary><see cref="Current"/>: one row per kind answered; <see cref="History"/>: newest first.</summary>
public sealed record MemberConsents(IReadOnlyList<ConsentState> Current, IReadOnlyList<ConsentHistoryRow> History)
{
    public bool IsGranted(string kind) => Current.Any(c => c.Kind == kind && c.Granted);
}

public sealed record ConsentState(string Kind, bool Granted, int? Version, DateTimeOffset ChangedAt, string Source);

/// <summary><see cref="ChangedByName"/>: the member of staff who recorded it, when one did.</summary>
public sealed record ConsentHistoryRow(string Kind, bool Granted, int? Version, DateTimeOffset ChangedAt, string Source, string? ChangedByName);

public sealed class GetConsentsHandler(IClubDbFactory dbFactory) : IQueryHandler<GetConsentsQuery, MemberConsents>
{
    /// <summary>Enough history for any real member; the export carries all of it.</summary>
    private const int HistoryShown = 100;

    public async ValueTask<MemberConsents> Handle(GetConsentsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var current = await db.MemberConsents.AsNoTracking()
            .Where(c => c.MemberId == query.MemberId)
            .OrderBy(c => c.Kind)
            .Select(c => new ConsentState(c.Kind, c.Granted, c.Version, c.ChangedAt, c.Source))
            .ToListAsync(cancellationToken);
        var history = await db.ConsentChanges.AsNoTracking()
            .Where(c => c.MemberId == query.MemberId)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Take(HistoryShown)
            .Select(c => new ConsentHistoryRow(
                c.Kind, c.Granted, c.Version, c.ChangedAt, c.Source,
                db.Members.Where(m => m.Id == c.ChangedBy).Select(m => m.FullName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new MemberConsents(current, history);
    }
}
