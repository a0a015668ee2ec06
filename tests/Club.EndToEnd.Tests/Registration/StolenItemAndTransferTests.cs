using Club.Application.Features.Registration;
using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Registration;

public class StolenItemAndTransferTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "amber-river-31";

    [Fact]
    public async Task The_owner_marks_an_item_stolen_a_stranger_sees_the_warning_the_owner_clears_it_and_hands_it_over_with_a_code()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var owner = await TestTags.CreateBuyerAsync(site.Services, Password);
        var receiver = await TestTags.CreateBuyerAsync(site.Services, Password);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterItemCommand(owner.Id, tag.Serial, tag.ScratchCode));
            registered.Outcome.Should().Be(RegistrationOutcome.Registered);
        }

        var ownerPage = await site.NewPhonePageAsync();
        await SignInAsync(ownerPage, owner.Email);
        await ownerPage.GotoAsync($"/cabinet/items/{tag.Serial}");
        await ownerPage.Locator("#loss-kind").SelectOptionAsync("Stolen");
        await ownerPage.Locator("#loss-on").FillAsync("2026-11-28");
        await ownerPage.Locator("#loss-police").FillAsync("КУСП-1234");
        await ownerPage.Locator("input[name='Loss.Confirm']").CheckAsync();
        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "Сообщить о потере или краже" }).ClickAsync();
        await Assertions.Expect(ownerPage.Locator("#lost .alert.ok")).ToContainTextAsync("Отметка сделана.");
        await FitsAsync(ownerPage);
        await BrowserSite.ScreenshotAsync(ownerPage, "70-item-reported-stolen");

        var stranger = await site.NewPhonePageAsync();
        await stranger.GotoAsync($"/T/{tag.Serial}");
        await Assertions.Expect(stranger.Locator(".verdict .alert.error")).ToContainTextAsync("Владелец сообщил, что изделие украдено или потеряно: свяжитесь с клубом.");
        (await stranger.ContentAsync()).Should().NotContain(owner.Email).And.NotContain("КУСП-1234");
        await Assertions.Expect(stranger.Locator("#transfer")).ToHaveCountAsync(0);
        await FitsAsync(stranger);
        await BrowserSite.ScreenshotAsync(stranger, "71-scan-stolen-item");

        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "Изделие нашлось: снять отметку" }).ClickAsync();
        await Assertions.Expect(ownerPage.Locator("#lost .alert.ok")).ToContainTextAsync("Отметка снята.");
        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "Создать код передачи" }).ClickAsync();
        var code = await ownerPage.Locator("#hand-over .alert.ok strong").InnerTextAsync();
        code.Should().MatchRegex("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$");
        await FitsAsync(ownerPage);
        await BrowserSite.ScreenshotAsync(ownerPage, "72-transfer-code");

        await stranger.ReloadAsync();
        await Assertions.Expect(stranger.Locator(".verdict .alert.error")).ToHaveCountAsync(0);

        var newOwner = await site.NewPhonePageAsync();
        await SignInAsync(newOwner, receiver.Email);
        await newOwner.GotoAsync($"/T/{tag.Serial}");
        await newOwner.GetByLabel("Код передачи").FillAsync(code.ToLowerInvariant());
        await newOwner.GetByRole(AriaRole.Button, new() { Name = "Принять изделие" }).ClickAsync();
        await Assertions.Expect(newOwner.Locator(".alert.ok")).ToContainTextAsync("Теперь изделие ваше.");
        await Assertions.Expect(newOwner.GetByRole(AriaRole.Heading, new() { Name = "Подлинное, зарегистрировано на вас" })).ToBeVisibleAsync();
        await FitsAsync(newOwner);
        await BrowserSite.ScreenshotAsync(newOwner, "73-transfer-accepted");

        await newOwner.GotoAsync($"/cabinet/items/{tag.Serial}");
        await Assertions.Expect(newOwner.GetByRole(AriaRole.Heading, new() { Name = "Сертификат подлинности" })).ToBeVisibleAsync();
        await ownerPage.GotoAsync("/cabinet/items");
        await Assertions.Expect(ownerPage.GetByText(tag.Serial)).ToHaveCountAsync(0);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/cabinet");
    }

    private static async Task FitsAsync(IPage page) =>
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse("the page fits a 390 px phone");
}
