using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Referrals;
using Club.Application.Features.Registration;
using Club.Application.Features.Verification;
using Club.Application.Features.Welcome;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Domain.Referrals;
using Club.Domain.Welcome;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Referrals;

public class ReferralTests(ActivitiesFixture db) : IClassFixture<ActivitiesFixture>
{
    private static readonly ScanVisitor ReferrerPhone = new("10.1.2.3", "Mozilla/5.0 (iPhone) referrer");

    [Fact]
    public async Task Both_are_paid_once_when_the_friend_registers_a_first_item_even_under_20_parallel_registrations()
    {
        await SetAsync(cap: 5);
        await SetWelcomeAsync();
        var referrer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var code = (await db.SendAsync<MyInvitations>(new OpenMyInvitationsCommand(referrer, ReferrerPhone))).Code;
        var friend = await JoinAsync(code, new ScanVisitor("10.9.9.9", "friend's phone"));
        var tags = (await TestTags.CreateBatchAsync(db.Services, 20)).Tags;

        var results = await Task.WhenAll(tags.Select(t => Task.Run(() => db.SendAsync<RegisterItemResult>(new RegisterItemCommand(friend, t.Serial, t.ScratchCode)))));

        results.Should().OnlyContain(r => r.Outcome == RegistrationOutcome.Registered);
        results.Sum(r => r.ReferralBonus).Should().Be(50);
        results.Sum(r => r.WelcomeBonus).Should().Be(0, "the stacking table: an invited friend gets the invitation bonus instead of the welcome bonus");
        (await History(friend)).Count(h => h.Reason == PointsReason.ReferralBonus).Should().Be(1);
        (await History(referrer)).Should().ContainSingle(h => h.Reason == PointsReason.ReferralBonus && h.Amount == 100);
        var mine = await db.SendAsync<MyInvitations>(new OpenMyInvitationsCommand(referrer, null));
        (mine.Code, mine.Invited, mine.Joined, mine.Paid).Should().Be((code, 1, 1, 1));
        mine.Link.Should().StartWith("http").And.EndWith("/account/sign-up?invite=" + code, "the link is absolute, from the configured public address");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_monthly_cap_pays_only_as_many_friends_as_it_allows_even_when_they_register_at_once()
    {
        await SetAsync(cap: 2);
        var referrer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var code = (await db.SendAsync<MyInvitations>(new OpenMyInvitationsCommand(referrer, ReferrerPhone))).Code;
        var friends = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            friends.Add(await JoinAsync(code, new ScanVisitor($"10.8.0.{i}", "friend")));
        }

        var tags = (await TestTags.CreateBatchAsync(db.Services, friends.Count)).Tags;

        var results = await Task.WhenAll(friends.Select((f, i) => Task.Run(() => db.SendAsync<RegisterItemResult>(new RegisterItemCommand(f, tags[i].Serial, tags[i].ScratchCode)))));

        results.Should().OnlyContain(r => r.Outcome == RegistrationOutcome.Registered);
        results.Count(r => r.ReferralBonus > 0).Should().Be(2);
        (await History(referrer)).Where(h => h.Reason == PointsReason.ReferralBonus).Sum(h => h.Amount).Should().Be(200);
        var statuses = await db.WithScopeAsync<ClubDbContext, List<ReferralStatus>>(c => c.Referrals.Where(r => r.ReferrerId == referrer).Select(r => r.Status).ToListAsync());
        statuses.Should().BeEquivalentTo([ReferralStatus.Paid, ReferralStatus.Paid, ReferralStatus.OverCap, ReferralStatus.OverCap]);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_member_inviting_themselves_from_their_own_phone_is_refused_and_nobody_is_paid()
    {
        await SetAsync(cap: 5);
        var referrer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var code = (await db.SendAsync<MyInvitations>(new OpenMyInvitationsCommand(referrer, ReferrerPhone))).Code;
        var fake = await JoinAsync(code, ReferrerPhone);
        var unknown = await JoinAsync("ZZZZZZZZ", new ScanVisitor("10.7.7.7", "x"));
        var tag = (await TestTags.CreateBatchAsync(db.Services, 1)).Tags[0];

        var result = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(fake, tag.Serial, tag.ScratchCode));

        result.ReferralBonus.Should().Be(0);
        (await History(referrer)).Should().NotContain(h => h.Reason == PointsReason.ReferralBonus);
        var rows = await db.WithScopeAsync<ClubDbContext, List<Referral>>(c => c.Referrals.Where(r => r.FriendId == fake || r.FriendId == unknown).ToListAsync());
        rows.Should().ContainSingle().Which.Should().Match<Referral>(r => r.Status == ReferralStatus.Refused && r.RefusedBecause == ReferralRefusals.SameVisitor);
        (await db.SendAsync<MyInvitations>(new OpenMyInvitationsCommand(referrer, null))).Invited.Should().Be(0, "a refused invitation is not counted");
    }

    [Fact]
    public async Task Bad_settings_are_refused_and_change_nothing()
    {
        var current = await db.SendAsync<ReferralSettingsView>(new GetReferralSettingsQuery());
        ReferralSettingsView Valid() => new(true, 100, 50, 5);

        (await db.SendAsync<Result>(new SaveReferralSettingsCommand("tests", Valid() with { ReferrerPoints = -5 }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new SaveReferralSettingsCommand("tests", Valid() with { MonthlyCap = 0 }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new SaveReferralSettingsCommand("tests", Valid() with { ReferrerPoints = 0, FriendPoints = 0 }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<ReferralSettingsView>(new GetReferralSettingsQuery())).Should().Be(current);
    }

    /// <summary>A new buyer who joined with <paramref name="code"/> from <paramref name="visitor"/>, recorded as the sign-up link records it.</summary>
    private async Task<Guid> JoinAsync(string code, ScanVisitor visitor)
    {
        var friend = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var hash = await db.WithScopeAsync<IScanVisitorHasher, byte[]>(h => Task.FromResult(h.Hash(visitor.Address, visitor.UserAgent)));
        await db.WithScopeAsync<IClubDbFactory, int>(async factory =>
        {
            await using var context = await factory.CreateAsync();
            await Club.Application.Features.Referrals.Referrals.RecordAsync(context, friend, code, hash, DateTimeOffset.UtcNow, CancellationToken.None);
            return 0;
        });
        return friend;
    }

    private async Task<IReadOnlyList<MyPointsEntry>> History(Guid member) => (await db.SendAsync<MyPoints>(new GetMyPointsQuery(member))).History;

    private async Task SetAsync(int cap) =>
        (await db.SendAsync<Result>(new SaveReferralSettingsCommand("tests", new ReferralSettingsView(true, 100, 50, cap)))).Succeeded.Should().BeTrue();

    private async Task SetWelcomeAsync()
    {
        var off = new WelcomeBonusView(false, 400, 1, WelcomeBonusTrigger.FirstItem, null, null);
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", off))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", off with { Enabled = true }))).Succeeded.Should().BeTrue();
    }
}
