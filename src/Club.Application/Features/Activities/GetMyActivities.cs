using Club.Application.Abstractions;
using Club.Domain.Activities;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Club.Application.Features.Surveys;
using Club.Application.Features.Members;

namespace Club.Application.Features.Activities;

/// <summary>Everything a member can earn by besides purchases: profile, subscriptions, open surveys.</summary>
public sealed record GetMyActivitiesQuery(Guid MemberId) : IQuery<MyActivities>;

public sealed record MyActivities(
    ProfileCompletion.Status Profile, string? Phone, bool PhoneConfirmed,
    IReadOnlyList<MySocialNetwork> Social, IReadOnlyList<MySurvey> Surveys);

public sealed record MySocialNetwork(SocialNetwork Network, string Link, int Points, SocialClaimState? Claim);

public sealed record MySurvey(int Id, string Title, int Points, DateTimeOffset ClosesAt, bool Answered);

public sealed class GetMyActivitiesHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<GetMyActivitiesQuery, MyActivities>
{
    public async ValueTask<MyActivities> Handle(GetMyActivitiesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var profile = await ProfileCompletion.StatusAsync(db, query.MemberId, cancellationToken);
        var (phone, confirmed) = await ProfileCompletion.PhoneAsync(db, query.MemberId, cancellationToken);

        var settings = await ActivityRules.SettingsAsync(db, cancellationToken);
        var socialPoints = await ActivityRules.PointsAsync(db, profile.Seller ? PointsRuleKind.SellerSocial : PointsRuleKind.BuyerSocial, cancellationToken);
        var claims = await db.SocialClaims.AsNoTracking().Where(c => c.MemberId == query.MemberId)
            .ToDictionaryAsync(c => c.Network, c => c.State, cancellationToken);
        var social = SocialClaim.NetworksFor(profile.Seller)
            .Where(n => settings.LinkOf(n) is not null)
            .Select(n => new MySocialNetwork(n, settings.LinkOf(n)!, socialPoints, claims.TryGetValue(n, out var s) ? s : null))
            .ToList();

        var open = await SurveyTargeting.OpenSurveysForAsync(db, query.MemberId, clock.GetUtcNow(), cancellationToken);
        var surveys = await db.Surveys.AsNoTracking().Where(s => open.Contains(s.Id)).OrderBy(s => s.ClosesAt)
            .Select(s => new MySurvey(s.Id, s.Title, s.Points, s.ClosesAt, db.SurveyResponses.Any(r => r.SurveyId == s.Id && r.MemberId == query.MemberId)))
            .ToListAsync(cancellationToken);
        return new MyActivities(profile, phone, confirmed, social, surveys);
    }
}
