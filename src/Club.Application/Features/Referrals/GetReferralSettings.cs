using Club.Application.Abstractions;
using Club.Domain.Referrals;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Referrals;

/// <summary>The invitation rules as the program manager edits them and the sign-up page announces them.</summary>
public sealed record GetReferralSettingsQuery : IQuery<ReferralSettingsView>;

public sealed record ReferralSettingsView(bool Enabled, int ReferrerPoints, int FriendPoints, int MonthlyCap);

public sealed class GetReferralSettingsHandler(IClubDbFactory dbFactory) : IQueryHandler<GetReferralSettingsQuery, ReferralSettingsView>
{
    public async ValueTask<ReferralSettingsView> Handle(GetReferralSettingsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var s = await db.ReferralSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ReferralSettings();
        return new ReferralSettingsView(s.Enabled, s.ReferrerPoints, s.FriendPoints, s.MonthlyCap);
    }
}
