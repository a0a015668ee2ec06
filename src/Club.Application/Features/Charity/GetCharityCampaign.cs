using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Charity;

/// <summary>One campaign's page: its progress and, for a signed-in member, their balance and what they gave to it.</summary>
public sealed record GetCharityCampaignQuery(int CampaignId, Guid? MemberId) : IQuery<CharityCampaignPage?>;

public sealed record CharityCampaignPage(CharityCampaignRow Campaign, int? Balance, int Given);

public sealed class GetCharityCampaignHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<GetCharityCampaignQuery, CharityCampaignPage?>
{
    public async ValueTask<CharityCampaignPage?> Handle(GetCharityCampaignQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var campaign = (await CharityCampaigns.RowsAsync(db, query.CampaignId, false, clock.GetUtcNow(), cancellationToken)).SingleOrDefault();
        if (campaign is null)
        {
            return null;
        }

        if (query.MemberId is not { } member)
        {
            return new CharityCampaignPage(campaign, null, 0);
        }

        var balance = await db.PointsBalances.Where(b => b.MemberId == member).Select(b => b.Balance).SingleOrDefaultAsync(cancellationToken);
        var source = campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var given = await db.PointsEntries
            .Where(e => e.MemberId == member && e.ReferenceType == DonatePointsHandler.CharityReference && e.ReferenceId == source)
            .SumAsync(e => -e.Amount, cancellationToken);
        return new CharityCampaignPage(campaign, balance, given);
    }
}
