using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Collector;

/// <summary>
/// A shop redeems a personal coupon once it has given the discount. One conditional UPDATE: of parallel
/// redemptions of the same code (two tills, a double click, an API retry) exactly one succeeds; the others
/// find it redeemed. The answer is the state afterwards, as <see cref="CheckCollectorCouponQuery"/> gives it.
/// </summary>
public sealed record RedeemCollectorCouponCommand(CouponDesk Desk, string? Code) : ICommand<CouponRedemption>;

/// <summary>Redeemed: this call redeemed it; otherwise <see cref="Check"/> says why not.</summary>
public sealed record CouponRedemption(bool Redeemed, CouponCheck Check);

public sealed class RedeemCollectorCouponHandler(IClubDbFactory dbFactory, IRateLimiter limiter, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<RedeemCollectorCouponCommand, CouponRedemption>
{
    public async ValueTask<CouponRedemption> Handle(RedeemCollectorCouponCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await CouponDesks.RefusalAsync(db, limiter, command.Desk, cancellationToken) is { } refused)
        {
            return new CouponRedemption(false, new CouponCheck(refused));
        }

        var partner = await CouponDesks.PartnerOfAsync(db, command.Desk, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var code = CouponDesks.Normalise(command.Code);
        // The row lock makes a parallel redemption wait and then re-check "not redeemed": it finds it
        // taken. An earlier coupon of the same year must be redeemed first.
        var redeemed = await db.Database.ExecuteSqlAsync($"""
            UPDATE collector_coupons c
            SET redeemed_at = {now}, redeemed_partner_id = {partner}, redeemed_by = {command.Desk.StaffMemberId}, redeemed_api_key_id = {command.Desk.ApiKeyId}
            WHERE c.code = {code} AND c.redeemed_at IS NULL AND c.valid_until > {now}
              AND NOT EXISTS (SELECT 1 FROM collector_coupons e
                              WHERE e.member_id = c.member_id AND e.year = c.year AND e.position < c.position AND e.redeemed_at IS NULL)
            """, cancellationToken);
        var state = await CouponDesks.StateAsync(db, code, now, cancellationToken);
        if (redeemed == 1)
        {
            // The UPDATE took only an unredeemed coupon, so that is what it was before.
            await audit.RecordAsync(new AuditChange("collector.coupon.redeem", "collector-coupon", code, new { RedeemedAt = (DateTimeOffset?)null },
                new { RedeemedAt = now, state.Percent, PartnerId = partner, ApiKeyId = command.Desk.ApiKeyId }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new CouponRedemption(redeemed == 1, state);
    }
}
