using Club.Application.Abstractions;
using Club.Domain.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tiers;

/// <summary>The ladder and its measure, for the rules page and, with <see cref="CountMembers"/>, the program manager's page.</summary>
public sealed record GetTiersQuery(bool CountMembers = false) : IQuery<TierLadder>;

/// <summary>Members: how many members hold each level now (only when counted).</summary>
public sealed record TierLadder(TierMeasure Measure, IReadOnlyList<Tier> Tiers, IReadOnlyDictionary<int, int> Members);

public sealed class GetTiersHandler(IClubDbFactory dbFactory) : IQueryHandler<GetTiersQuery, TierLadder>
{
    public async ValueTask<TierLadder> Handle(GetTiersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var members = query.CountMembers
            ? await db.MemberTiers.Where(m => m.Level > 0).GroupBy(m => m.Level)
                .Select(g => new { Level = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Level, g => g.Count, cancellationToken)
            : new Dictionary<int, int>();
        return new TierLadder(await TierRules.MeasureAsync(db, cancellationToken), await TierRules.LadderAsync(db, cancellationToken), members);
    }
}
