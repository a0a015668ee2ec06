using Club.Application.Features.Members;
using Club.Application.Features.Tags;
using Club.Domain.Tags;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Labels;
using Club.Infrastructure.Persistence.DemoData;
using Club.Infrastructure.Tags;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Sales;

public class SellerScansASaleTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_seller_photographs_the_tag_and_the_sale_is_recorded_by_zxing_in_the_browser()
    {
        var tags = await ActiveTagsAsync(1);
        var page = await site.NewPhonePageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.Locator("#email").FillAsync("seller@club.demo");
        await page.Locator("#password").FillAsync(DemoAccounts.Password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Регистрация продажи" }).First.ClickAsync();

        // The scanner panel appears only when ZXing's bundle (from npm, served from wwwroot/lib) has loaded.
        await Assertions.Expect(page.Locator("#scanner")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await BrowserSite.ScreenshotAsync(page, "20-sale-scanner");

        // ZXing's JavaScript decoder now and then misses a valid code in a still picture (in about one
        // run in four of this test); a person then takes the photo again, and so does the test, at most
        // three times. The camera path needs no retry: every frame is another attempt.
        var photo = Path.Combine(Path.GetTempPath(), $"tag-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, QrPng.Render(TagCodes.ScanUrl("https://club.example", tags[0].Serial), QRCoder.QRCodeGenerator.ECCLevel.M));
        for (var attempt = 1; attempt <= 3 && await page.Locator(".alert.ok").CountAsync() == 0; attempt++)
        {
            await page.Locator("#scanner-photo").SetInputFilesAsync(photo);
            await page.WaitForFunctionAsync("document.querySelector('.alert.ok') || document.getElementById('scanner-status')?.textContent.includes('не найден')",
                null, new() { Timeout = 30_000 });
            await page.WaitForLoadStateAsync();
        }

        File.Delete(photo);
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Продажа зарегистрирована.");
        await Assertions.Expect(page.Locator(".list li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".list li").First).ToContainTextAsync("Ждёт покупателя");
        await BrowserSite.ScreenshotAsync(page, "21-sale-recorded");

        // Typing the serial works too, and a second record of the same tag is refused in plain words.
        await page.Locator("#serial").FillAsync(tags[0].Serial.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать продажу" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Вы уже зарегистрировали эту продажу.");
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
    }

    private async Task<IReadOnlyList<PrintedTag>> ActiveTagsAsync(int quantity)
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, quantity);
        await using var scope = site.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var seller = await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync("seller@club.demo");
        var sellerPartner = (await mediator.Send(new GetMyProfileQuery(seller!.Id))).PartnerName;
        foreach (var (state, name) in new[] { (TagBatchState.Printed, (string?)null), (TagBatchState.Shipped, sellerPartner), (TagBatchState.Active, null) })
        {
            (await mediator.Send(new ChangeTagBatchStateCommand(batchId, state, name))).Succeeded.Should().BeTrue();
        }

        return tags;
    }
}
