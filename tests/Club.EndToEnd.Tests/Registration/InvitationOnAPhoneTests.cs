using Club.Application.Features.Points;
using Club.Application.Features.Referrals;
using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Registration;

public class InvitationOnAPhoneTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_friend_opens_the_invitation_link_joins_registers_a_first_item_and_both_are_paid()
    {
        (await SendAsync(new SaveReferralSettingsCommand("tests", new ReferralSettingsView(true, 120, 60, 5)))).Succeeded.Should().BeTrue();
        var (referrer, email) = await TestTags.CreateBuyerAsync(site.Services, "referrer-pass-77");
        var link = (await SendAsync(new OpenMyInvitationsCommand(referrer, null))).Link;
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var friend = await site.NewPhonePageAsync();

        // The link names the public address; the test site listens elsewhere, so only its path is opened.
        await friend.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(friend.Locator("#invitation")).ToContainTextAsync("по приглашению");
        await BrowserSite.ScreenshotAsync(friend, "60-invitation-sign-up");
        await friend.GetByLabel("Ваше имя").FillAsync("Вера Друг");
        await friend.GetByLabel("Электронная почта").FillAsync("vera.friend@example.com");
        await friend.GetByLabel("Телефон").FillAsync("+7 917 555-66-77");
        await friend.GetByLabel("Пароль").FillAsync("friend-pass-42");
        await friend.Locator("#consent").CheckAsync();
        await friend.GetByRole(AriaRole.Button, new() { Name = "Создать аккаунт" }).ClickAsync();
        await site.ConfirmSignUpAsync(friend, "vera.friend@example.com", "friend-pass-42");
        await friend.WaitForURLAsync("**/cabinet", new() { Timeout = 90_000 });

        await friend.GotoAsync($"/T/{tag.Serial}");
        await friend.GetByLabel("Код под защитным слоем").FillAsync(tag.ScratchCode);
        await friend.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        await Assertions.Expect(friend.Locator(".alert.ok")).ToContainTextAsync("Из них 60 баллов — бонус за приглашение.");
        (await friend.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(friend, "61-invitation-paid-to-friend");

        var page = await site.NewPhonePageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync("referrer-pass-77");
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/cabinet", new() { Timeout = 90_000 });
        await BrowserSite.FollowMenuLinkAsync(page, "Пригласить друга");
        await Assertions.Expect(page.Locator("[data-count=invited]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-count=joined]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-count=paid]")).ToHaveTextAsync("1");
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(page, "62-invitations-of-the-referrer");
        (await SendAsync(new GetMyPointsQuery(referrer))).History.Should().ContainSingle(h => h.Reason == Club.Domain.Points.PointsReason.ReferralBonus && h.Amount == 120);
    }

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }
}
