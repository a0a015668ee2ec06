using Club.Application.Features.Registration;
using Club.Application.Features.Sellers;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Sales;

public class BuyerDeclinesAClaimTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_seller_claims_a_registered_item_the_buyer_declines_in_the_cabinet_and_the_seller_sees_it_declined_without_points()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var shop = (await mediator.Send(new ListShopChoicesQuery())).First();
        var (_, sellerEmail) = await TestTags.CreateSellerAsync(site.Services, shop.PartnerId, shop.ShopId, name: "Марина Соколова", password: DemoAccounts.Password);
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, onSale: false);
        await TestTags.PutOnSaleAsync(site.Services, batchId, shop.PartnerName);
        var tag = tags[0];
        var buyer = await TestTags.CreateBuyerAsync(site.Services, DemoAccounts.Password);
        (await mediator.Send(new RegisterItemCommand(buyer.Id, tag.Serial, tag.ScratchCode))).Succeeded.Should().BeTrue();

        // The seller claims the item after its registration: recorded, but waiting for the buyer.
        var seller = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(seller, sellerEmail);
        await seller.GotoAsync("/seller/sales");
        await seller.Locator("#serial").FillAsync(tag.Serial);
        await seller.GetByRole(AriaRole.Button, new() { Name = "Записать продажу" }).ClickAsync();
        await Assertions.Expect(seller.Locator(".alert.ok")).ToContainTextAsync("Покупатель уже зарегистрировал изделие");
        await Assertions.Expect(seller.Locator(".list li").First).ToContainTextAsync("Ждёт ответа покупателя");

        // The buyer finds the question in the cabinet and answers no with one tap.
        var page = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(page, buyer.Email);
        await page.GotoAsync("/cabinet");
        var question = page.Locator(".sale-question");
        await Assertions.Expect(question).ToContainTextAsync("Это украшение вам продал продавец Марина из магазина");
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(page, "25-sale-question");
        await question.GetByRole(AriaRole.Button, new() { Name = "Нет, не этот продавец" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Заявка отклонена");
        await page.GotoAsync("/cabinet");
        await Assertions.Expect(page.Locator(".sale-question")).ToHaveCountAsync(0);

        // The seller sees the claim declined, and no points for it.
        await seller.ReloadAsync();
        await Assertions.Expect(seller.Locator(".list li").First).ToContainTextAsync("Отклонена покупателем");
        await seller.GotoAsync("/cabinet/points");
        await Assertions.Expect(seller.Locator(".balance strong")).ToHaveTextAsync("0");
        await BrowserSite.ScreenshotAsync(seller, "26-sale-declined");
    }
}
