using Club.Testing;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Registration;

public class ScanJoinAndRegisterTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_visitor_opens_a_label_joins_comes_back_registers_with_the_scratch_code_and_sees_the_points()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var page = await site.NewPhonePageAsync();

        // The QR code holds the upper-case URL; phones open it as it is.
        await page.GotoAsync($"/T/{tag.Serial}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Подлинное изделие" })).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(page, "10-scan-genuine");

        await site.JoinFromScanPageAsync(page, "Алиса Ветрова", "alisa@example.com", "+7 917 555-12-34", "amber-river-31");

        await page.WaitForURLAsync($"**/T/{tag.Serial}");
        await page.GetByLabel("Код под защитным слоем").FillAsync(tag.ScratchCode.ToLowerInvariant().Replace('-', ' '));
        await BrowserSite.ScreenshotAsync(page, "11-scan-code-entered");
        await page.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Изделие зарегистрировано на вас.");
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Вам начислено 450 баллов.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Подлинное, зарегистрировано на вас" })).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "12-scan-registered");

        await BrowserSite.FollowMenuLinkAsync(page, "Мои баллы");
        await Assertions.Expect(page.Locator(".balance strong")).ToHaveTextAsync("450");
        await Assertions.Expect(page.GetByText("Регистрация изделия: Кольцо").First).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "13-my-points");

        await BrowserSite.FollowMenuLinkAsync(page, "Мои изделия");
        await page.GetByRole(AriaRole.Link, new() { Name = "Сертификат подлинности" }).ClickAsync();
        await Assertions.Expect(page.GetByText(tag.Serial)).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "14-certificate");
    }
}
