using System.Globalization;
using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Collector;

/// <summary>
/// Who is at the shop's desk: a member of partner staff on the coupon page (their partner is read from
/// their account, never from the form) or a partner's API key.
/// </summary>
public sealed record CouponDesk(Guid? StaffMemberId, int? ApiKeyId = null, int? ApiPartnerId = null)
{
    public string Partition => StaffMemberId is { } staff ? $"staff:{staff}" : $"key:{ApiKeyId?.ToString(CultureInfo.InvariantCulture)}";
}

public enum CouponCheckOutcome
{
    Usable,

    /// <summary>The holder has an earlier coupon to use first.</summary>
    Waiting,
    Redeemed,
    Expired,
    NotFound,

    /// <summary>The account is no active partner staff.</summary>
    NotPartnerStaff,

    /// <summary>Too many codes checked from this desk in the last hour: codes cannot be guessed one by one.</summary>
    TooManyChecks,
}

/// <summary>What the desk may know: the discount and its state, never who the holder is.</summary>
public sealed record CouponCheck(CouponCheckOutcome Outcome, string? Code = null, int Percent = 0, DateTimeOffset? ValidUntil = null, DateTimeOffset? RedeemedAt = null)
{
    public string Message => Outcome switch
    {
        CouponCheckOutcome.Usable => "The coupon is valid: give the discount and redeem it.",
        CouponCheckOutcome.Waiting => "This coupon is valid only after the holder's earlier coupon has been used.",
        CouponCheckOutcome.Redeemed => "This coupon has already been redeemed.",
        CouponCheckOutcome.Expired => "This coupon has expired.",
        CouponCheckOutcome.NotPartnerStaff => "Only active staff of a partner shop can check coupons.",
        CouponCheckOutcome.TooManyChecks => "Too many coupon codes were checked from here in the last hour. Please try again later.",
        _ => "There is no such coupon. Check the code.",
    };
}

/// <summary>A shop checks a personal coupon's code before giving the discount; nothing changes.</summary>
public sealed record CheckCollectorCouponQuery(CouponDesk Desk, string? Code) : IQuery<CouponCheck>;

public sealed class CheckCollectorCouponHandler(IClubDbFactory dbFactory, IRateLimiter limiter, TimeProvider clock)
    : IQueryHandler<CheckCollectorCouponQuery, CouponCheck>
{
    public async ValueTask<CouponCheck> Handle(CheckCollectorCouponQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await CouponDesks.RefusalAsync(db, limiter, query.Desk, cancellationToken) is { } refused
            ? new(refused)
            : await CouponDesks.StateAsync(db, CouponDesks.Normalise(query.Code), clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>The desk's partner and the checks' limit, shared by checking and redeeming.</summary>
public static class CouponDesks
{
    /// <summary>Enough for a busy shop's day at the till, far too few to guess 40-bit codes.</summary>
    public static readonly RateLimitRule Checks = new("collector-coupon-check", 60, TimeSpan.FromHours(1));

    /// <summary>Codes as typed: any case, spaces and dashes in the wrong places forgiven.</summary>
    public static string Normalise(string? code)
    {
        var symbols = new string((code ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return symbols.StartsWith("COL", StringComparison.Ordinal) && symbols.Length == 11 ? $"COL-{symbols[3..]}" : symbols;
    }

    /// <summary>
    /// Why the desk may not look a code up (not partner staff, or over the hourly limit), else null.
    /// Counted before any code is read, so neither checking nor redeeming can guess codes.
    /// </summary>
    public static async Task<CouponCheckOutcome?> RefusalAsync(IClubDb db, IRateLimiter limiter, CouponDesk desk, CancellationToken cancellationToken)
    {
        if (await PartnerOfAsync(db, desk, cancellationToken) is null)
        {
            return CouponCheckOutcome.NotPartnerStaff;
        }

        var limit = await limiter.HitAsync([new RateLimitHit(Checks, desk.Partition)], cancellationToken);
        return limit.Allowed ? null : CouponCheckOutcome.TooManyChecks;
    }

    /// <summary>A coupon's state now, by its normalised code.</summary>
    public static async Task<CouponCheck> StateAsync(IClubDb db, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var coupon = await db.CollectorCoupons.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        if (coupon is null)
        {
            return new(CouponCheckOutcome.NotFound);
        }

        var year = await db.CollectorCoupons.AsNoTracking()
            .Where(c => c.MemberId == coupon.MemberId && c.Year == coupon.Year).ToListAsync(cancellationToken);
        var outcome = GetCollectorStatusHandler.StateOf(coupon, year, now) switch
        {
            CouponState.Usable => CouponCheckOutcome.Usable,
            CouponState.Waiting => CouponCheckOutcome.Waiting,
            CouponState.Redeemed => CouponCheckOutcome.Redeemed,
            _ => CouponCheckOutcome.Expired,
        };
        return new(outcome, coupon.Code, coupon.Percent, coupon.ValidUntil, coupon.RedeemedAt);
    }

    /// <summary>The partner the desk works for: the key's, or the staff member's if they are a partner manager or an active seller.</summary>
    public static async Task<int?> PartnerOfAsync(IClubDb db, CouponDesk desk, CancellationToken cancellationToken)
    {
        if (desk.StaffMemberId is not { } staff)
        {
            return desk.ApiPartnerId;
        }

        var member = await db.Members.AsNoTracking().Where(m => m.Id == staff)
            .Select(m => new { m.PartnerId, m.SellerStatus }).SingleOrDefaultAsync(cancellationToken);
        if (member?.PartnerId is null)
        {
            return null;
        }

        // A partner manager has a partner and no seller status; a seller counts only while active.
        return member.SellerStatus is null or SellerStatus.Active ? member.PartnerId : null;
    }
}
