using Club.Application.Abstractions;
using Club.Application.Features.Charity;
using Club.Application.Features.Points.Ledger;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Testing;

namespace Club.Application.Tests.Features.Charity;

public class CharityTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_donation_is_given_once_however_often_the_form_is_sent_and_the_ledger_balances()
    {
        var campaign = await CreateAsync("Помощь приюту", goal: 1000);
        var member = await MemberWithAsync(500);
        var key = Guid.NewGuid();

        var results = await ActivityTesting.InParallelAsync(10, () => db.SendAsync<DonationResult>(new DonatePointsCommand(member, campaign.Id, 300, key)));

        results.Should().OnlyContain(r => r.Given && r.Points == 300);
        results.Count(r => !r.Repeated).Should().Be(1);
        (await db.BalanceAsync(member)).Should().Be(200);
        var page = await db.SendAsync<CharityCampaignPage?>(new GetCharityCampaignQuery(campaign.Id, member));
        (page!.Campaign.Collected, page.Campaign.Donations, page.Campaign.Percent, page.Given).Should().Be((300, 1, 30, 300));
        var csv = await db.SendAsync<string?>(new ExportCharityReportQuery(campaign.Id));
        csv.Should().Contain("\"Помощь приюту\";1000;300;1").And.Contain(";1;300");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Nobody_gives_more_than_their_balance_nor_to_a_closed_campaign()
    {
        var campaign = await CreateAsync("Лес", goal: 5000);
        var member = await MemberWithAsync(100);

        var tooMuch = await db.SendAsync<DonationResult>(new DonatePointsCommand(member, campaign.Id, 101, Guid.NewGuid()));
        var parallel = await ActivityTesting.InParallelAsync(5, () => db.SendAsync<DonationResult>(new DonatePointsCommand(member, campaign.Id, 60, Guid.NewGuid())));
        var ended = await CreateAsync("Прошедшая", goal: 10, ended: true);
        var closed = await db.SendAsync<DonationResult>(new DonatePointsCommand(member, ended.Id, 1, Guid.NewGuid()));
        var nothing = await db.SendAsync<DonationResult>(new DonatePointsCommand(member, campaign.Id, 0, Guid.NewGuid()));

        tooMuch.Given.Should().BeFalse();
        parallel.Count(r => r.Given).Should().Be(1, "two gifts of 60 do not fit in 100 points");
        closed.Given.Should().BeFalse();
        nothing.Given.Should().BeFalse();
        (await db.BalanceAsync(member)).Should().Be(40);
        (await db.SendAsync<IReadOnlyList<CharityCampaignRow>>(new ListCharityCampaignsQuery(OpenOnly: true))).Should().NotContain(c => c.Id == ended.Id);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_campaigns_are_refused()
    {
        var now = DateTimeOffset.UtcNow;
        CreateCharityCampaignCommand Valid() => new("tests", "Имя", "Name", null, null, 100, now, now.AddDays(1));

        (await db.SendAsync<Result>(Valid() with { NameRu = " " })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { Goal = 0 })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { EndsAt = now.AddDays(-1) })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { NameEn = new string('n', 1000) })).Succeeded.Should().BeFalse();
    }

    private async Task<CharityCampaignRow> CreateAsync(string name, int goal, bool ended = false)
    {
        var now = DateTimeOffset.UtcNow;
        var (starts, ends) = ended ? (now.AddDays(-10), now.AddDays(-1)) : (now.AddMinutes(-1), now.AddDays(30));
        (await db.SendAsync<Result>(new CreateCharityCampaignCommand("tests", name, name + " (en)", null, null, goal, starts, ends))).Succeeded.Should().BeTrue();
        return (await db.SendAsync<IReadOnlyList<CharityCampaignRow>>(new ListCharityCampaignsQuery(OpenOnly: false))).First(c => c.NameRu == name);
    }

    private async Task<Guid> MemberWithAsync(int points)
    {
        var member = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.WithScopeAsync<IClubDbFactory, bool>(async factory =>
        {
            await using var context = await factory.CreateAsync();
            return await PointsLedger.PostAsync(context, new PointsPosting(member, points, PointsReason.Correction, "test", "1", $"test:{member}"), DateTimeOffset.UtcNow, CancellationToken.None);
        });
        return member;
    }
}
