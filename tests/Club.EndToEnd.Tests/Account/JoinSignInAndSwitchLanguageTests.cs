using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Account;

public class JoinSignInAndSwitchLanguageTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_visitor_joins_on_a_phone_signs_out_signs_back_in_and_switches_to_english()
    {
        var page = await site.NewPhonePageAsync();

        await page.GotoAsync("/");
        await BrowserSite.ScreenshotAsync(page, "01-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "Вступить в клуб" }).First.ClickAsync();

        await page.GetByLabel("Ваше имя").FillAsync("Вера Морозова");
        await page.GetByLabel("Электронная почта").FillAsync("vera@example.com");
        await page.GetByLabel("Телефон").FillAsync("8 (915) 222-33-44");
        await page.GetByLabel("Пароль").FillAsync("quiet-forest-17");
        await page.Locator("#consent").CheckAsync();
        await BrowserSite.ScreenshotAsync(page, "02-sign-up-filled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Создать аккаунт" }).ClickAsync();
        await site.ConfirmSignUpAsync(page, "vera@example.com", "quiet-forest-17");

        await page.WaitForURLAsync("**/cabinet");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Личный кабинет" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Вера Морозова").First).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "03-cabinet");

        await BrowserSite.OpenMenuAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Войти" }).First).ToBeVisibleAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Электронная почта").FillAsync("vera@example.com");
        await page.GetByLabel("Пароль").FillAsync("quiet-forest-17");
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await page.WaitForURLAsync("**/cabinet");

        await page.Locator("a[data-culture=en]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My account" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Buyer")).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "04-cabinet-english");
    }

    [Fact]
    public async Task The_layout_fits_a_phone_screen_without_sideways_scrolling()
    {
        var page = await site.NewPhonePageAsync();

        foreach (var path in new[] { "/", "/account/sign-up", "/account/sign-in", "/account/confirm-sign-up?token=x" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
            overflow.Should().BeFalse($"{path} must not scroll sideways on a 390 px wide phone");
        }
    }
}
