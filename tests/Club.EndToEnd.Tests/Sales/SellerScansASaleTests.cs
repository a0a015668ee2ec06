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
        await BrowserSite.FollowMenuLinkAsync(page, "Запись продажи");

        // The scanner panel appears only when ZXing's bundle (from npm, served from wwwroot/lib) has loaded.
        await Assertions.Expect(page.Locator("#scanner")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await BrowserSite.ScreenshotAsync(page, "20-sale-scanner");

        await UploadPhotoAsync(page, tags[0].Serial);
        await Assertions.Expect(page.Locator(".list li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".list li").First).ToContainTextAsync("Ждёт покупателя");
        await BrowserSite.ScreenshotAsync(page, "21-sale-recorded");

        // Typing the serial works too, and a second record of the same tag is refused in plain words.
        await page.Locator("#serial").FillAsync(tags[0].Serial.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Записать продажу" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("Вы уже записали эту продажу.");
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
    }

    [Fact]
    public async Task A_new_seller_joins_is_activated_records_a_sale_from_a_photo_and_sees_the_points_once_the_buyer_registers()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var shop = (await mediator.Send(new Club.Application.Features.Sellers.ListShopChoicesQuery())).First();

        var seller = await site.NewPhonePageAsync();
        await seller.GotoAsync("/account/seller-sign-up");
        await seller.Locator("#name").FillAsync("Вера Новикова");
        await seller.Locator("#phone").FillAsync("+7 916 321-54-76");
        await seller.Locator("#email").FillAsync("vera.seller@example.com");
        await seller.Locator("#shop").SelectOptionAsync(shop.ShopId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await seller.Locator("#position").FillAsync("Продавец-консультант");
        await seller.Locator("#password").FillAsync("vera-pass-1");
        await seller.Locator("#consent").CheckAsync();
        await seller.GetByRole(AriaRole.Button, new() { Name = "Отправить заявку" }).ClickAsync();
        await site.ConfirmSignUpAsync(seller, "vera.seller@example.com", "vera-pass-1");
        await Assertions.Expect(seller.Locator(".alert.info")).ToContainTextAsync("ждёт активации");
        await BrowserSite.ScreenshotAsync(seller, "22-seller-waiting");

        var manager = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(manager, "manager@club.demo");
        await manager.GotoAsync("/manage/sellers");
        var card = manager.Locator("li.card", new() { HasText = "Вера Новикова" });
        await card.Locator("input[name=note]").FillAsync("позвонила, работает в салоне");
        await BrowserSite.ScreenshotAsync(manager, "23-activation-queue");
        await card.GetByRole(AriaRole.Button, new() { Name = "Активировать" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".alert.ok")).ToBeVisibleAsync();

        var tags = await ActiveTagsAsync(1, shop.PartnerName);
        await seller.GotoAsync("/seller/sales");
        await Assertions.Expect(seller.Locator("#scanner")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await UploadPhotoAsync(seller, tags[0].Serial);
        await Assertions.Expect(seller.Locator(".list li").First).ToContainTextAsync("Ждёт покупателя");

        var buyer = (await TestTags.CreateBuyerAsync(site.Services)).Id;
        await mediator.Send(new Club.Application.Features.Registration.RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));

        await seller.ReloadAsync();
        await Assertions.Expect(seller.Locator(".list li").First).ToContainTextAsync("Подтверждена");
        await BrowserSite.FollowMenuLinkAsync(seller, "Мои баллы");
        await Assertions.Expect(seller.Locator(".balance strong")).ToHaveTextAsync("50");
        await BrowserSite.ScreenshotAsync(seller, "24-seller-points");
    }

    /// <summary>
    /// The seller picks a photo of the tag: the browser's decoder reads it, or, when it misses (now and then
    /// it does on a still picture), the page sends the photo to the server, which reads it with ZXing.Net.
    /// Either way the sale is recorded from one photo.
    /// </summary>
    private static async Task UploadPhotoAsync(IPage page, string serial)
    {
        var photo = Path.Combine(Path.GetTempPath(), $"tag-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, QrPng.Render(TagCodes.ScanUrl("https://club.example", serial), QRCoder.QRCodeGenerator.ECCLevel.M));
        await page.Locator("#scanner-photo").SetInputFilesAsync(photo);
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Продажа записана.", new() { Timeout = 30_000 });
        File.Delete(photo);
    }

    private async Task<IReadOnlyList<PrintedTag>> ActiveTagsAsync(int quantity, string partnerName)
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, quantity, onSale: false);
        await using var scope = site.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var (state, name) in new[] { (TagBatchState.Printed, (string?)null), (TagBatchState.Shipped, partnerName), (TagBatchState.Active, null) })
        {
            (await mediator.Send(new ChangeTagBatchStateCommand(batchId, state, name))).Succeeded.Should().BeTrue();
        }

        return tags;
    }

    /// <summary>Tags of a batch shipped to the demo seller's partner and activated.</summary>
    private async Task<IReadOnlyList<PrintedTag>> ActiveTagsAsync(int quantity)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var seller = await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync("seller@club.demo");
        var partner = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetMyProfileQuery(seller!.Id))).PartnerName;
        return await ActiveTagsAsync(quantity, partner!);
    }
}
