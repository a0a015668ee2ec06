using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Application.Features.Points;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Testing;
using Club.Application.Features.PhoneConfirmation;
using Club.Application.Features.Activities;

using Club.Application.Tests.Features.Activities;

namespace Club.Application.Tests.Features.Members;

public class ProfileCompletionTests(ActivitiesFixture db) : IClassFixture<ActivitiesFixture>
{
    private static readonly DateOnly Birthday = new(1990, 5, 17);

    [Fact]
    public async Task A_complete_profile_with_a_confirmed_phone_pays_once_and_later_edits_pay_nothing()
    {
        await db.SetSettingsAsync(autoApprove: false, buyerProfile: 200);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        (await UpdateAsync(buyer, "Анна", "Москва")).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(buyer)).Should().Be(0, "the phone is not confirmed yet");
        (await db.SendAsync<MyActivities>(new GetMyActivitiesQuery(buyer))).Profile.Missing.Should().Equal("Confirmed phone");

        (await db.SendAsync<Result>(new SendPhoneCodeCommand(buyer))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, db.Sms.LastCode))).Succeeded.Should().BeTrue();

        (await db.BalanceAsync(buyer)).Should().Be(200);
        await UpdateAsync(buyer, "Анна Петровна", "Казань");
        await UpdateAsync(buyer, "Анна", "Москва");
        (await db.SendAsync<Result>(new ClaimProfilePointsCommand(buyer))).Succeeded.Should().BeFalse();
        (await db.BalanceAsync(buyer)).Should().Be(200);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).History.Should().ContainSingle(h => h.Reason == PointsReason.ProfileCompleted);
        (await db.SendAsync<MyActivities>(new GetMyActivitiesQuery(buyer))).Profile.Paid.Should().BeTrue();
    }

    [Fact]
    public async Task Twenty_parallel_saves_that_complete_the_profile_pay_once()
    {
        await db.SetSettingsAsync(autoApprove: false, buyerProfile: 200);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<Result>(new SendPhoneCodeCommand(buyer));
        (await db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, db.Sms.LastCode))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(buyer)).Should().Be(0, "the profile is not complete yet");

        var results = await ActivityTesting.InParallelAsync(20, () => UpdateAsync(buyer, "Ирина", "Тверь"));

        results.Should().OnlyContain(r => r.Succeeded);
        (await db.BalanceAsync(buyer)).Should().Be(200);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Wrong_codes_are_limited_and_a_new_code_waits_for_the_pause()
    {
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<Result>(new SendPhoneCodeCommand(buyer))).Succeeded.Should().BeTrue();
        var code = db.Sms.LastCode;
        var wrong = code == "000000" ? "111111" : "000000";

        (await db.SendAsync<Result>(new SendPhoneCodeCommand(buyer))).Errors.Should().ContainSingle(e => e.ErrorMessage!.Contains("wait", StringComparison.Ordinal));
        (await db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, "12"))).Errors[0].ErrorMessage.Should().Be("The code has 6 digits.");
        (await db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, new string('9', 100_000)))).Succeeded.Should().BeFalse();
        var guesses = await ActivityTesting.InParallelAsync(8, () => db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, wrong)));

        guesses.Should().OnlyContain(r => !r.Succeeded);
        (await db.SendAsync<Result>(new ConfirmPhoneCommand(buyer, code))).Succeeded.Should().BeFalse("five wrong attempts use the code up");
        (await db.SendAsync<MyActivities>(new GetMyActivitiesQuery(buyer))).PhoneConfirmed.Should().BeFalse();
    }

    [Fact]
    public async Task A_seller_needs_a_position_and_earns_the_seller_amount()
    {
        await db.SetSettingsAsync(autoApprove: false, sellerProfile: 300);
        var seller = await db.CreateSellerAsync();
        await db.SqlAsync($"UPDATE members SET position = NULL WHERE id = {seller.Id}");
        await db.SendAsync<Result>(new SendPhoneCodeCommand(seller.Id));
        await db.SendAsync<Result>(new ConfirmPhoneCommand(seller.Id, db.Sms.LastCode));
        await UpdateAsync(seller.Id, "Ольга", "Москва");
        (await db.BalanceAsync(seller.Id)).Should().Be(0);
        (await db.SendAsync<MyActivities>(new GetMyActivitiesQuery(seller.Id))).Profile.Missing.Should().Equal("Position");

        (await db.SendAsync<Result>(new UpdateMyProfileCommand(seller.Id, "Ольга", Birthday, "Москва", "Продавец-консультант"))).Succeeded.Should().BeTrue();

        (await db.BalanceAsync(seller.Id)).Should().Be(300);
    }

    private Task<Result> UpdateAsync(Guid member, string name, string city) =>
        db.SendAsync<Result>(new UpdateMyProfileCommand(member, name, Birthday, city));
}
