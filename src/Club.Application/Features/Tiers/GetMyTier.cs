using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Tiers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tiers;

/// <summary>The member's tier for the cabinet, with the figure now and what the next tier needs; null when the ladder is empty.</summary>
public sealed record GetMyTierQuery(Guid MemberId) : IQuery<MyTier?>;

/// <summary>
/// Current: the tier the job last gave (null: none yet). Figure: the rolling 12 months' points earned or
/// items registered now, counted as the job counts. Next: the next tier up, with what is still missing.
/// DowngradeOn: the club day the current tier ends if nothing new is earned.
/// </summary>
public sealed record MyTier(TierMeasure Measure, Tier? Current, int Figure, Tier? Next, DateOnly? DowngradeOn)
{
    public int Missing => Next is null ? 0 : Math.Max(0, Next.Threshold - Figure);

    /// <summary>The way from the current tier's threshold (0 without one) to the next one's, in per cent.</summary>
    public int ProgressPercent
    {
        get
        {
            if (Next is null)
            {
                return 100;
            }

            var from = Current?.Threshold ?? 0;
            var span = Math.Max(1, Next.Threshold - from);
            return Math.Clamp((int)((long)(Figure - from) * 100 / span), 0, 100);
        }
    }
}

public sealed class GetMyTierHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock) : IQueryHandler<GetMyTierQuery, MyTier?>
{
    public async ValueTask<MyTier?> Handle(GetMyTierQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var ladder = await TierRules.LadderAsync(db, cancellationToken);
        if (ladder.Count == 0)
        {
            return null;
        }

        var measure = await TierRules.MeasureAsync(db, cancellationToken);
        var held = await db.MemberTiers.AsNoTracking().SingleOrDefaultAsync(m => m.MemberId == query.MemberId, cancellationToken);
        var current = ladder.FirstOrDefault(t => t.Level == held?.Level);
        var figure = await TierRules.FigureAsync(db, measure, query.MemberId, clock.GetUtcNow(), settings.Zone, cancellationToken);
        var next = ladder.FirstOrDefault(t => t.Level > (current?.Level ?? 0));
        return new MyTier(measure, current, figure, next, current is null ? null : held!.DowngradeOn);
    }
}
