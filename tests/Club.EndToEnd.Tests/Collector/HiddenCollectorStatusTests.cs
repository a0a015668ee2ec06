using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Infrastructure.Identity;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Collector;

public class HiddenCollectorStatusTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_member_who_earns_the_hidden_status_sees_and_opens_it_on_a_phone_another_member_does_not_and_a_shop_redeems_the_coupon()
    {
        // One item worth the whole default threshold (12 000): its registration grants this year's status at once.
        var buyerId = await IdOfAsync("buyer@club.demo");
        await using (var db = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE products SET recommended_price = 12000 WHERE sku = 'AQ-SEA-R01'");
        }

        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterItemCommand(buyerId, tag.Serial, tag.ScratchCode));
            registered.Outcome.Should().Be(RegistrationOutcome.Registered);
        }

        var buyer = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(buyer, "buyer@club.demo");
        var card = buyer.Locator("#collector");
        await Assertions.Expect(card).ToContainTextAsync("Коллекционер");
        await Assertions.Expect(card.Locator("code.coupon")).ToHaveCountAsync(0);
        await card.GetByRole(AriaRole.Button, new() { Name = "Открыть мои привилегии" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#collector .alert.ok")).ToContainTextAsync("Привилегии открыты");
        await Assertions.Expect(buyer.Locator("#collector code.coupon")).ToHaveCountAsync(2);
        (await buyer.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(buyer, "60-collector-status");
        string code;
        await using (var db = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync())
        {
            (await db.CollectorStatuses.Where(s => s.MemberId == buyerId).Select(s => s.OpenedAt).SingleAsync()).Should().NotBeNull("the first opening is recorded");
            code = await db.CollectorCoupons.Where(c => c.MemberId == buyerId && c.Position == 1).Select(c => c.Code).SingleAsync();
        }

        var other = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(other, "seller@club.demo");
        await Assertions.Expect(other.Locator("h1")).ToBeVisibleAsync();
        await Assertions.Expect(other.Locator("#collector")).ToHaveCountAsync(0);
        (await other.ContentAsync()).Should().NotContain("Коллекционер", "the status is not advertised to other members");

        var shop = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(shop, "partner@club.demo");
        await shop.GotoAsync("/partner/coupons");
        await shop.Locator("#code").FillAsync(code.ToLowerInvariant());
        await shop.GetByRole(AriaRole.Button, new() { Name = "Проверить" }).ClickAsync();
        await Assertions.Expect(shop.Locator(".alert.ok")).ToContainTextAsync("Купон действует");
        await shop.Locator("input[name=Confirm]").CheckAsync();
        await shop.GetByRole(AriaRole.Button, new() { Name = "Погасить" }).ClickAsync();
        await Assertions.Expect(shop.Locator(".alert.ok")).ToContainTextAsync("Купон погашен");
        (await shop.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(shop, "61-coupon-redeemed");

        await buyer.GotoAsync("/cabinet");
        await Assertions.Expect(buyer.Locator("#collector .badge").First).ToHaveTextAsync("использован");
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync(email))!.Id;
    }
}
