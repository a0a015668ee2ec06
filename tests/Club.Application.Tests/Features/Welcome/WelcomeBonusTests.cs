using Club.Application.Abstractions;
using Club.Application.Features.PhoneConfirmation;
using Club.Application.Features.Points;
using Club.Application.Features.Promotions;
using Club.Application.Features.Registration;
using Club.Application.Features.Welcome;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Domain.Welcome;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Welcome;

public class WelcomeBonusTests(ActivitiesFixture db) : IClassFixture<ActivitiesFixture>
{
    [Fact]
    public async Task Paid_once_after_the_phone_is_confirmed_under_parallel_confirmations_and_never_to_an_unconfirmed_sign_up()
    {
        var before = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await SetAsync(WelcomeBonusTrigger.PhoneConfirmed, points: 300);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        (await db.SendAsync<Result>(new SendPhoneCodeCommand(buyer))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, "000000"))).Succeeded.Should().BeFalse();
        (await db.BalanceAsync(buyer)).Should().Be(0, "a sign-up whose phone is not confirmed earns nothing");

        var code = db.Sms.LastCode;
        var results = await ActivityTesting.InParallelAsync(10, () => db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, code)));

        results.Should().Contain(r => r.Succeeded);
        (await db.BalanceAsync(buyer)).Should().Be(300);
        var history = (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).History;
        history.Should().ContainSingle(h => h.Reason == PointsReason.WelcomeBonus);
        var lot = await db.WithScopeAsync<ClubDbContext, PointsLot>(c =>
            c.PointsLots.SingleAsync(l => l.MemberId == buyer));
        lot.ExpiresAt.Should().BeCloseTo(lot.EarnedAt.AddMonths(1), TimeSpan.FromDays(1), "the welcome bonus is a lot of its own with a short lifetime");

        await db.SendAsync<Result>(new SendPhoneCodeCommand(before));
        (await db.SendAsync<Result>(new ConfirmPhoneCommand(before, db.Sms.LastCode))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(before)).Should().Be(0, "a member who joined before the bonus was switched on did not join for it");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task With_the_first_item_as_trigger_a_promoted_registration_does_not_pay_it_and_the_next_plain_one_does()
    {
        var now = DateTimeOffset.UtcNow;
        (await db.SendAsync<Result>(new CreatePromotionCommand("tests", "Spring +50", null, "Весна", null, now.AddMinutes(-1), now.AddDays(3), 50, 1m)))
            .Succeeded.Should().BeTrue();
        await SetAsync(WelcomeBonusTrigger.FirstItem, points: 400);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<Result>(new SendPhoneCodeCommand(buyer));
        (await db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, db.Sms.LastCode))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(buyer)).Should().Be(0, "the program manager chose the first item as what pays it");
        var promoted = (await TestTags.CreateBatchAsync(db.Services, 1, "AQ-SPR-E01")).Tags[0];
        var plain = (await TestTags.CreateBatchAsync(db.Services, 1, "AQ-SEA-R01")).Tags[0];

        var first = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, promoted.Serial, promoted.ScratchCode));
        var second = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, plain.Serial, plain.ScratchCode));

        first.Outcome.Should().Be(RegistrationOutcome.Registered);
        first.PromotionBonus.Should().Be(50);
        first.WelcomeBonus.Should().Be(0, "the stacking table: no welcome bonus with a promotion on the same registration");
        second.WelcomeBonus.Should().Be(400);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).History.Should().ContainSingle(h => h.Reason == PointsReason.WelcomeBonus);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_welcome_lot_expires_after_its_own_lifetime_through_the_expiry_job()
    {
        await SetAsync(WelcomeBonusTrigger.PhoneConfirmed, points: 250);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SqlAsync($"UPDATE users SET phone_number_confirmed = true WHERE id = {buyer}");
        var twoMonthsAgo = DateTimeOffset.UtcNow.AddMonths(-2);
        var paid = await db.WithScopeAsync<IClubDbFactory, int>(async factory =>
        {
            await using var context = await factory.CreateAsync();
            await Club.Application.Features.Points.Ledger.PointsLedger.PostAsync(context,
                new Club.Application.Features.Points.Ledger.PointsPosting(buyer, 40, PointsReason.Correction, "test", "1", $"test:{buyer}"), twoMonthsAgo, CancellationToken.None);
            return await WelcomeBonus.PayIfDueAsync(context, buyer, WelcomeBonusTrigger.PhoneConfirmed, twoMonthsAgo, CancellationToken.None);
        });
        paid.Should().Be(250);

        await db.SendAsync<int>(new ExpirePointsCommand());

        (await db.BalanceAsync(buyer)).Should().Be(40, "the welcome lot lasted one month; the ordinary lot lives the policy's lifetime");
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).History.Should().Contain(h => h.Reason == PointsReason.Expired && h.Amount == -250);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_settings_are_refused_and_change_nothing()
    {
        var current = await db.SendAsync<WelcomeBonusView>(new GetWelcomeBonusSettingsQuery());
        WelcomeBonusView Valid() => new(true, 100, 1, WelcomeBonusTrigger.PhoneConfirmed, "Бонус", "Bonus");

        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", Valid() with { Points = -1 }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", Valid() with { Points = 0 }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", Valid() with { LifetimeMonths = 0 }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", Valid() with { LifetimeMonths = 13 }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", Valid() with { PaidWhen = (WelcomeBonusTrigger)9 }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", Valid() with { TextRu = new string('т', 1000) }))).Succeeded.Should().BeFalse();
        (await db.SendAsync<WelcomeBonusView>(new GetWelcomeBonusSettingsQuery())).Should().Be(current);
    }

    private async Task SetAsync(WelcomeBonusTrigger trigger, int points)
    {
        // Off first, so switching on stamps a fresh start (members created after this call are new).
        var off = new WelcomeBonusView(false, points, 1, trigger, null, null);
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", off))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new SaveWelcomeBonusSettingsCommand("tests", off with { Enabled = true, TextRu = "Бонус", TextEn = "Bonus" })))
            .Succeeded.Should().BeTrue();
    }
}
