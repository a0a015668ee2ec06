using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Referrals;

/// <summary>What the sign-up page says about an invitation code from a link: the friend's points, or null when the code or invitations are not live.</summary>
public sealed record CheckInvitationQuery(string? Code) : IQuery<int?>;

public sealed class CheckInvitationHandler(IClubDbFactory dbFactory) : IQueryHandler<CheckInvitationQuery, int?>
{
    public async ValueTask<int?> Handle(CheckInvitationQuery query, CancellationToken cancellationToken)
    {
        if (Referrals.Normalize(query.Code) is not { } code)
        {
            return null;
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await db.ReferralSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return settings is { Enabled: true } && await db.ReferralCodes.AnyAsync(c => c.Code == code, cancellationToken) ? settings.FriendPoints : null;
    }
}
