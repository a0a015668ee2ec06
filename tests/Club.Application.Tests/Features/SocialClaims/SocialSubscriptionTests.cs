using Club.Application.Abstractions;
using Club.Application.Tests.Features.Points;
using Club.Domain.Activities;
using Club.Domain.Points;
using Club.Testing;
using Club.Application.Features.SocialClaims;
using Club.Application.Features.Activities;

using Club.Application.Tests.Features.Activities;

namespace Club.Application.Tests.Features.SocialClaims;

public class SocialSubscriptionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Twenty_parallel_claims_with_automatic_approval_credit_once()
    {
        await db.SetSettingsAsync(autoApprove: true);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        var results = await ActivityTesting.InParallelAsync(20, () => db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(buyer, SocialNetwork.Vk, "@me")));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Errors[0].ErrorMessage == "You have already claimed this subscription.");
        (await db.BalanceAsync(buyer)).Should().Be(50);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_claim_waits_for_the_manager_and_parallel_approvals_pay_once()
    {
        await db.SetSettingsAsync(autoApprove: false);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(buyer, SocialNetwork.Instagram, null))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(buyer)).Should().Be(0);
        var claim = await ClaimOfAsync(buyer, SocialNetwork.Instagram);
        (await db.SendAsync<IReadOnlyList<SocialClaimRow>>(new ListSocialClaimsQuery())).Should().Contain(c => c.Id == claim && c.Link != null);

        var results = await ActivityTesting.InParallelAsync(10, () => db.SendAsync<Result>(new DecideSocialClaimCommand(claim, Approve: true, "manager")));

        results.Count(r => r.Succeeded).Should().Be(1);
        (await db.BalanceAsync(buyer)).Should().Be(50);
        (await db.SendAsync<Result>(new DecideSocialClaimCommand(claim, Approve: false, "manager"))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(buyer, SocialNetwork.Instagram, null))).Succeeded.Should().BeFalse();
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rejected_claim_pays_nothing_and_may_be_made_again_once_and_paid_once()
    {
        await db.SetSettingsAsync(autoApprove: false);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(buyer, SocialNetwork.YouTube, null));
        var claim = await ClaimOfAsync(buyer, SocialNetwork.YouTube);
        (await db.SendAsync<Result>(new DecideSocialClaimCommand(claim, Approve: false, "manager"))).Succeeded.Should().BeTrue();
        var afterRejection = (await db.SendAsync<MyActivities>(new GetMyActivitiesQuery(buyer))).Social.Single(s => s.Network == SocialNetwork.YouTube).Claim;
        var lateApproval = await db.SendAsync<Result>(new DecideSocialClaimCommand(claim, Approve: true, "manager"));

        var again = await ActivityTesting.InParallelAsync(10, () => db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(buyer, SocialNetwork.YouTube, "@found-me")));
        var approvals = await ActivityTesting.InParallelAsync(5, () => db.SendAsync<Result>(new DecideSocialClaimCommand(claim, Approve: true, "manager")));
        var afterApproval = await db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(buyer, SocialNetwork.YouTube, null));

        afterRejection.Should().Be(SocialClaimState.Rejected);
        lateApproval.Succeeded.Should().BeFalse();
        again.Count(r => r.Succeeded).Should().Be(1);
        approvals.Count(r => r.Succeeded).Should().Be(1);
        afterApproval.Succeeded.Should().BeFalse();
        (await ClaimOfAsync(buyer, SocialNetwork.YouTube)).Should().Be(claim);
        (await db.BalanceAsync(buyer)).Should().Be(50);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task OK_is_for_sellers_only_and_sellers_earn_the_seller_amount()
    {
        await db.SetSettingsAsync(autoApprove: true);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var seller = await db.CreateSellerAsync();

        var buyerOk = await db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(buyer, SocialNetwork.Ok, null));
        var sellerOk = await db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(seller.Id, SocialNetwork.Ok, null));

        buyerOk.Errors.Should().ContainSingle(e => e.ErrorMessage == "The club has no page on this network.");
        sellerOk.Succeeded.Should().BeTrue();
        (await db.BalanceAsync(seller.Id)).Should().Be(70);
        var mine = await db.SendAsync<MyActivities>(new GetMyActivitiesQuery(buyer));
        mine.Social.Select(s => s.Network).Should().NotContain(SocialNetwork.Ok);
        var pending = await db.CreateSellerAsync(Club.Domain.Members.SellerStatus.Pending);
        (await db.SendAsync<Result>(new ClaimSocialSubscriptionCommand(pending.Id, SocialNetwork.Vk, null))).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task Settings_refuse_bad_links_and_amounts_and_change_nothing()
    {
        var before = await db.SendAsync<ActivitySettingsView>(new GetActivitySettingsQuery());

        var badLink = await db.SendAsync<Result>(new SaveActivitySettingsCommand("tests", before with { VkUrl = "javascript:alert(1)" }));
        var badPoints = await db.SendAsync<Result>(new SaveActivitySettingsCommand("tests", before with { BuyerSocial = PointsRule.MaxPoints + 1 }));

        badLink.Succeeded.Should().BeFalse();
        badPoints.Succeeded.Should().BeFalse();
        (await db.SendAsync<ActivitySettingsView>(new GetActivitySettingsQuery())).Should().Be(before);
    }

    private Task<long> ClaimOfAsync(Guid member, SocialNetwork network) =>
        db.WithScopeAsync<Club.Infrastructure.Persistence.ClubDbContext, long>(context =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                context.SocialClaims.Where(c => c.MemberId == member && c.Network == network).Select(c => c.Id)));
}
