using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Club.Domain.Collector;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Collector;

/// <summary>
/// The hidden status as its holder sees it on the cabinet, or null for everybody else (nothing on the page
/// tells other members it exists). Before the holder opens it, only its name and the invitation to open it.
/// </summary>
public sealed record GetCollectorStatusQuery(Guid MemberId) : IQuery<CollectorStatusView?>;

public enum CouponState
{
    /// <summary>The shop can redeem it now.</summary>
    Usable,

    /// <summary>Valid after the coupon before it has been redeemed.</summary>
    Waiting,
    Redeemed,
    Expired,
}

public sealed record CollectorCouponView(string Code, int Percent, CouponState State, DateTimeOffset ValidUntil, DateTimeOffset? RedeemedAt);

/// <summary>Benefits (multiplier, coupons, exclusive gifts) are filled only once <see cref="OpenedAt"/> is set.</summary>
public sealed record CollectorStatusView(
    string Name, string NameEn, int Year, DateTimeOffset ValidUntil, DateTimeOffset? OpenedAt,
    decimal Multiplier, IReadOnlyList<CollectorCouponView> Coupons, int ExclusiveGifts)
{
    public bool Opened => OpenedAt is not null;
}

public sealed class GetCollectorStatusHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<GetCollectorStatusQuery, CollectorStatusView?>
{
    public async ValueTask<CollectorStatusView?> Handle(GetCollectorStatusQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var status = await db.CollectorStatuses.AsNoTracking()
            .Where(c => c.MemberId == query.MemberId && c.ValidFrom <= now && c.ValidUntil > now)
            .SingleOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return null;
        }

        var rules = await CollectorRules.CurrentAsync(db, cancellationToken);
        if (status.OpenedAt is null)
        {
            return new CollectorStatusView(rules.Name, rules.NameEn, status.Year, status.ValidUntil, null, 1m, [], 0);
        }

        var coupons = await db.CollectorCoupons.AsNoTracking()
            .Where(c => c.MemberId == query.MemberId && c.Year == status.Year)
            .OrderBy(c => c.Position)
            .ToListAsync(cancellationToken);
        var gifts = await db.Gifts.CountAsync(g => g.Audience == GiftAudience.Collectors && g.State == GiftState.Published, cancellationToken);
        return new CollectorStatusView(rules.Name, rules.NameEn, status.Year, status.ValidUntil, status.OpenedAt, rules.Multiplier,
            [.. coupons.Select(c => new CollectorCouponView(c.Code, c.Percent, StateOf(c, coupons, now), c.ValidUntil, c.RedeemedAt))], gifts);
    }

    /// <summary>Coupons are used in order: one waits while an earlier one of the same year is unused.</summary>
    public static CouponState StateOf(CollectorCoupon coupon, IReadOnlyList<CollectorCoupon> all, DateTimeOffset now) =>
        coupon.RedeemedAt is not null ? CouponState.Redeemed
        : coupon.ValidUntil <= now ? CouponState.Expired
        : all.Any(c => c.Position < coupon.Position && c.RedeemedAt is null) ? CouponState.Waiting
        : CouponState.Usable;
}
