using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Catalog;

public class BuyerOrdersAGiftTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_buyer_with_points_orders_a_gift_on_a_phone_and_a_manager_ships_it_with_a_tracking_number()
    {
        var buyerId = await IdOfAsync("buyer@club.demo");
        await using (var db = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync())
        {
            await PointsLedger.PostAsync(db, new PointsPosting(buyerId, 1000, PointsReason.Correction, PointsLedger.MemberReference, "e2e", "e2e:gift-points"),
                DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var buyer = await site.NewPhonePageAsync();
        await BrowserSite.SignInAsync(buyer, "buyer@club.demo");
        await BrowserSite.FollowMenuLinkAsync(buyer, "Подарки");
        await Assertions.Expect(buyer.Locator(".balance strong")).ToHaveTextAsync("1000");
        await Assertions.Expect(buyer.Locator(".gifts li", new() { HasText = "Серьги-пусеты «Капля»" }).Locator(".badge.afford")).ToBeVisibleAsync();
        await Assertions.Expect(buyer.Locator(".gifts li", new() { HasText = "Кольцо «Лазурь»" }).Locator(".badge.afford")).ToHaveCountAsync(0);
        (await buyer.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(buyer, "30-gift-catalog");

        await buyer.Locator(".gifts a", new() { HasText = "Серьги-пусеты «Капля»" }).ClickAsync();
        await buyer.Locator("#address").FillAsync("101000, Москва, ул. Мясницкая, 1, кв. 5, Анна Смирнова");
        await BrowserSite.ScreenshotAsync(buyer, "31-gift-order-form");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Продолжить" }).ClickAsync();
        await Assertions.Expect(buyer.Locator("#confirm")).ToContainTextAsync("700");
        await BrowserSite.ScreenshotAsync(buyer, "32-gift-order-confirm");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Подтвердить заказ" }).First.ClickAsync();
        await buyer.WaitForURLAsync("**/cabinet/orders?placed=*");
        await Assertions.Expect(buyer.Locator(".alert.ok")).ToContainTextAsync("Заказ оформлен");
        await Assertions.Expect(buyer.Locator("li.card").First).ToContainTextAsync("Оформлен");
        await BrowserSite.ScreenshotAsync(buyer, "33-my-gift-orders");

        long orderId;
        await using (var db = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync())
        {
            orderId = await db.GiftOrders.Where(o => o.MemberId == buyerId).Select(o => o.Id).SingleAsync();
            (await db.PointsBalances.Where(b => b.MemberId == buyerId).Select(b => b.Balance).SingleAsync()).Should().Be(700);
        }

        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.BaseUrl, Locale = "ru-RU", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var manager = await context.NewPageAsync();
        await BrowserSite.SignInAsync(manager, "manager@club.demo");
        await BrowserSite.FollowMenuLinkAsync(manager, "Заказы подарков");
        var row = manager.Locator($"#desk-{orderId}");
        await row.Locator("input[type=checkbox]").CheckAsync();
        await manager.Locator("select#to").SelectOptionAsync("Confirmed");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Применить" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".alert.ok")).ToContainTextAsync("Заказы обновлены.");

        await manager.GotoAsync("/manage/orders?status=Confirmed");
        await row.Locator("input[type=checkbox]").CheckAsync();
        await row.Locator($"#tracking-{orderId}").FillAsync("RA123456785RU");
        await manager.Locator("select#to").SelectOptionAsync("Shipped");
        await BrowserSite.ScreenshotAsync(manager, "34-order-desk");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Применить" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".alert.ok")).ToContainTextAsync("Заказы обновлены.");
        await manager.GotoAsync("/manage/orders?status=Shipped");
        await Assertions.Expect(row).ToContainTextAsync("RA123456785RU");

        await buyer.GotoAsync("/cabinet/orders");
        var card = buyer.Locator($"#order-{orderId}");
        await Assertions.Expect(card.Locator(".badge")).ToHaveTextAsync("Отправлен");
        await Assertions.Expect(card.Locator(".tracking")).ToHaveTextAsync("RA123456785RU");
        await Assertions.Expect(card.Locator(".history li")).ToHaveCountAsync(3);
        await BrowserSite.ScreenshotAsync(buyer, "35-gift-shipped");

        // A mail at each status: placed, confirmed, shipped (with the tracking number).
        var subjects = new List<string>();
        foreach (var file in Directory.GetFiles(site.MailFolder, "*.eml"))
        {
            var mail = await MimeKit.MimeMessage.LoadAsync(file);
            if (mail.Subject is { } subject && subject.Contains($"№{orderId}", StringComparison.Ordinal))
            {
                subjects.Add(subject + ((mail.TextBody ?? "").Contains("RA123456785RU", StringComparison.Ordinal) ? " +tracking" : ""));
            }
        }

        subjects.Should().BeEquivalentTo(
            $"Заказ подарка №{orderId}: оформлен", $"Заказ подарка №{orderId}: подтверждён", $"Заказ подарка №{orderId}: отправлен почтой +tracking");
        await context.CloseAsync();
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync(email))!.Id;
    }
}
