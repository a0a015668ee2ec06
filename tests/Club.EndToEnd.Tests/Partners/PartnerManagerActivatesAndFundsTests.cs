using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.Sellers;
using Club.Domain.Members;
using Club.Infrastructure.Identity;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Partners;

public class PartnerManagerActivatesAndFundsTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_partner_manager_activates_a_new_seller_and_pays_a_bonus_from_the_budget_on_a_phone()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>();
        var managerId = (await users.FindByEmailAsync("partner@club.demo"))!.Id;
        await using var context = await scope.ServiceProvider.GetRequiredService<IClubDbFactory>().CreateAsync();
        var partnerId = (await context.Members.Where(m => m.Id == managerId).Select(m => m.PartnerId).SingleAsync())!.Value;
        var shop = (await mediator.Send(new ListShopChoicesQuery())).First(s => s.PartnerId == partnerId);

        // The brand lets this partner decide its sellers and tops up its budget (the back office's part).
        var partner = (await mediator.Send(new GetPartnerQuery(partnerId)))!;
        (await mediator.Send(new SavePartnerCommand(partner.Id, partner.Version, partner.Name, partner.LegalName, partner.Contact, partner.IsActive, true))).Saved.Should().BeTrue();
        (await mediator.Send(new TopUpPartnerBudgetCommand(Guid.NewGuid(), partnerId, 300))).Succeeded.Should().BeTrue();
        var sellerId = (await scope.ServiceProvider.GetRequiredService<MemberAccounts>().CreateAsync(new NewAccount(
            "petr.bonus@example.com", "+7 916 777-12-34", "petr-pass-1", "Пётр Бонусов", Roles.Seller,
            PartnerId: partnerId, ShopId: shop.ShopId, Position: "Продавец-консультант"))).User!.Id;

        var page = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(page, "partner@club.demo");
        await BrowserSite.FollowMenuLinkAsync(page, "Мои продавцы");
        var row = page.Locator("tr", new() { HasText = "Пётр Бонусов" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Активировать" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Пётр Бонусов" })).ToContainTextAsync("Активен");
        await BrowserSite.ScreenshotAsync(page, "60-partner-activates-seller");

        await BrowserSite.FollowMenuLinkAsync(page, "Бонусы моим продавцам");
        await page.Locator("#bonus-seller").SelectOptionAsync(sellerId.ToString());
        await page.Locator("#bonus-points").FillAsync("120");
        await page.GetByRole(AriaRole.Button, new() { Name = "Начислить бонус" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Бонус начислен.");
        await Assertions.Expect(page.Locator(".history")).ToContainTextAsync("Пётр Бонусов");
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(page, "61-partner-pays-bonus");

        // Asking for more than the budget holds is refused in plain words and pays nothing.
        await page.Locator("#bonus-seller").SelectOptionAsync(sellerId.ToString());
        await page.Locator("#bonus-points").FillAsync("100000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Начислить бонус" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("В бюджете только");

        await using var read = await scope.ServiceProvider.GetRequiredService<IClubDbFactory>().CreateAsync();
        (await read.PointsBalances.Where(b => b.MemberId == sellerId).Select(b => b.Balance).SingleAsync()).Should().Be(120);
        (await read.Members.Where(m => m.Id == sellerId).Select(m => m.SellerStatus).SingleAsync()).Should().Be(SellerStatus.Active);
    }
}
