using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.Points;
using Club.Application.Features.Promotions;
using Club.Application.Features.Registration;
using Club.Application.Features.Sales;
using Club.Application.Features.Sellers;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Domain.Sales;
using Club.Infrastructure.Identity;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Partners;

public class PartnerManagerActivatesAndFundsTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task A_partner_manager_activates_and_funds_a_new_seller_who_sells_in_a_promotion_climbs_the_leaderboard_and_gets_the_right_points()
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
        await page.Locator("#bonus-points").FillAsync(Bonus.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
        (await read.PointsBalances.Where(b => b.MemberId == sellerId).Select(b => b.Balance).SingleAsync()).Should().Be(Bonus);
        (await read.Members.Where(m => m.Id == sellerId).Select(m => m.SellerStatus).SingleAsync()).Should().Be(SellerStatus.Active);

        // The brand sets what a sale of the product pays its sellers and runs a seller promotion on it for this partner.
        var productId = await read.Products.Where(p => p.Sku == Sku).Select(p => p.Id).SingleAsync();
        var rules = await mediator.Send(new ListPointsRulesQuery());
        (await mediator.Send(new SavePointsRulesCommand("manager@club.demo", rules.FirstItemBonus, new Dictionary<string, int?>(), new Dictionary<int, int?>(),
            rules.SellerSalePoints, rules.BuyerBirthdayPoints, rules.SellerBirthdayPoints)
        {
            SellerRules = new SellerSaleRules(new Dictionary<int, int?> { [productId] = SalePoints }, new Dictionary<string, int?>(), new Dictionary<string, int?>()),
        })).Succeeded.Should().BeTrue();

        // Another seller of the partner sold one before the promotion: she is the one to overtake.
        var (rivalId, _) = await TestTags.CreateSellerAsync(site.Services, partnerId, shop.ShopId, name: "Анна Соперница");
        var rivalTag = await PartnerTagAsync(partner.Name);
        (await mediator.Send(new RecordSaleCommand(rivalId, rivalTag.Serial))).Recorded.Should().BeTrue();
        (await mediator.Send(new RegisterItemCommand((await TestTags.CreateBuyerAsync(site.Services)).Id, rivalTag.Serial, rivalTag.ScratchCode))).Succeeded.Should().BeTrue();

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        (await mediator.Send(new CreatePromotionCommand("manager@club.demo", PromotionTitle, partner.Name, null, null, now.AddMinutes(-5), now.AddDays(7), PromotionExtra, PromotionMultiplier)
        {
            ForSellers = true,
            ProductSku = Sku,
        })).Succeeded.Should().BeTrue();
        var promotionId = await read.Promotions.Where(p => p.Title == PromotionTitle).Select(p => p.Id).SingleAsync();
        // What a sale of the product pays now: its rule's points and the promotion's extra and multiplier on them.
        var promotionPoints = PromotionExtra + (int)Math.Round(SalePoints * (PromotionMultiplier - 1), MidpointRounding.AwayFromZero);
        var salePaid = SalePoints + promotionPoints;
        var tag = await PartnerTagAsync(partner.Name);

        // The new seller has no confirmed sale this month yet: she is not on her partner's board.
        var seller = await site.NewPhonePageAsync();
        await seller.GotoAsync("/account/sign-in");
        await seller.Locator("#email").FillAsync("petr.bonus@example.com");
        await seller.Locator("#password").FillAsync("petr-pass-1");
        await seller.Locator("form button[type=submit]").ClickAsync();
        await seller.WaitForURLAsync("**/cabinet", new() { Timeout = 90_000 });
        await BrowserSite.FollowMenuLinkAsync(seller, "Рейтинг продавцов");
        await Assertions.Expect(seller.Locator("h1")).ToHaveTextAsync("Рейтинг продавцов");
        await Assertions.Expect(seller.Locator("li.me")).ToHaveCountAsync(0);

        // She records the sale by the serial on the tag; it waits for the buyer.
        await BrowserSite.FollowMenuLinkAsync(seller, "Запись продажи");
        await seller.Locator("#serial").FillAsync(tag.Serial);
        await seller.GetByRole(AriaRole.Button, new() { Name = "Записать продажу" }).ClickAsync();
        await Assertions.Expect(seller.Locator(".alert.ok")).ToContainTextAsync("Продажа записана.");
        await Assertions.Expect(seller.Locator(".list li").First).ToContainTextAsync("Ждёт покупателя");
        await BrowserSite.ScreenshotAsync(seller, "64-seller-records-a-promoted-sale");

        // The buyer registers the item on their phone: that confirms the seller's sale and pays her.
        var (_, buyerEmail) = await TestTags.CreateBuyerAsync(site.Services, "buyer-pass-21");
        var buyer = await site.NewPhonePageAsync();
        await buyer.GotoAsync("/account/sign-in");
        await buyer.Locator("#email").FillAsync(buyerEmail);
        await buyer.Locator("#password").FillAsync("buyer-pass-21");
        await buyer.Locator("form button[type=submit]").ClickAsync();
        await buyer.WaitForURLAsync("**/cabinet", new() { Timeout = 90_000 });
        await buyer.GotoAsync($"/T/{tag.Serial}");
        await buyer.GetByLabel("Код под защитным слоем").FillAsync(tag.ScratchCode);
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Зарегистрировать" }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".alert.ok")).ToContainTextAsync("Изделие зарегистрировано на вас.");
        var question = buyer.Locator(".sale-question");
        await Assertions.Expect(question).ToContainTextAsync("Пётр");
        await BrowserSite.ScreenshotAsync(buyer, "65-buyer-registers-the-sold-item");
        // The registration has paid the seller; the buyer's yes keeps it so (a no would take the points back).
        await question.GetByRole(AriaRole.Button, new() { Name = "Да, этот продавец" }).ClickAsync();
        await Assertions.Expect(buyer.Locator(".sale-question")).ToHaveCountAsync(0);

        await seller.ReloadAsync();
        await Assertions.Expect(seller.Locator(".list li").First).ToContainTextAsync("Подтверждена");
        await Assertions.Expect(seller.Locator(".list li").First).ToContainTextAsync($"{salePaid} балл");

        // Her place: sellers of her partner with more points this month, or as many points and more sales, are above her.
        var boards = scope.ServiceProvider.GetRequiredService<LeaderboardBoards>();
        var (from, to) = boards.Bounds(boards.ThisMonth);
        var others = await read.Sales
            .Where(s => s.State == SaleState.Confirmed && s.ConfirmedAt >= from && s.ConfirmedAt < to && s.PartnerId == partnerId && s.SellerId != sellerId)
            .GroupBy(s => s.SellerId)
            .Select(g => new { Sales = g.Count(), Points = g.Sum(s => s.Points + s.PromotionPoints) })
            .ToListAsync();
        var place = 1 + others.Count(o => o.Points > salePaid || (o.Points == salePaid && o.Sales > 1));

        await BrowserSite.FollowMenuLinkAsync(seller, "Рейтинг продавцов");
        var me = seller.Locator("ol.leaderboard li.me");
        await Assertions.Expect(me).ToHaveCountAsync(1);
        await Assertions.Expect(me).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(me.Locator(".place")).ToHaveTextAsync(place.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(me.Locator(".who")).ToContainTextAsync("П. Б. (вы)");
        await Assertions.Expect(me.Locator(".figures")).ToContainTextAsync($"1 продажа · {salePaid} балл");
        await Assertions.Expect(seller.Locator("ol.leaderboard li:not(.me)", new() { HasText = "А. С." })).ToContainTextAsync($"1 продажа · {SalePoints} балл");
        (await seller.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth")).Should().BeFalse();
        await BrowserSite.ScreenshotAsync(seller, "66-seller-on-the-leaderboard");

        // The points she sees are the bonus and the sale with its promotion's extra; the ledger holds each once.
        var expected = Bonus + salePaid;
        await BrowserSite.FollowMenuLinkAsync(seller, "Мои баллы");
        await Assertions.Expect(seller.Locator(".balance strong")).ToHaveTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await BrowserSite.ScreenshotAsync(seller, "67-seller-points");

        var sale = await read.Sales.AsNoTracking().SingleAsync(s => s.SellerId == sellerId);
        (sale.State, sale.Points, sale.PromotionId, sale.PromotionPoints).Should().Be((SaleState.Confirmed, SalePoints, promotionId, promotionPoints));
        var entries = await read.PointsEntries.AsNoTracking().Where(e => e.MemberId == sellerId).ToListAsync();
        entries.Select(e => (e.Reason, e.Amount, e.IdempotencyKey.StartsWith("sale", StringComparison.Ordinal) ? e.IdempotencyKey : null)).Should().BeEquivalentTo(new[]
        {
            (PointsReason.PartnerBonus, Bonus, (string?)null),
            (PointsReason.SaleConfirmed, SalePoints, $"sale:{sale.Id}"),
            (PointsReason.SellerPromotionBonus, promotionPoints, $"{SaleConfirmations.PromotionKeyPrefix}{sale.Id}"),
        });
        (await read.PointsBalances.Where(b => b.MemberId == sellerId).Select(b => b.Balance).SingleAsync()).Should().Be(expected);
    }

    /// <summary>A tag of <see cref="Sku"/> shipped to the partner and on sale.</summary>
    private async Task<PrintedTag> PartnerTagAsync(string partnerName)
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, Sku, onSale: false);
        await TestTags.PutOnSaleAsync(site.Services, batchId, partnerName);
        return tags[0];
    }

    private const string Sku = "AQ-SEA-R01";
    private const string PromotionTitle = "Кольцо AQ-SEA-R01: баллы продавцам ×1,5 и ещё 20";
    private const int Bonus = 120;
    private const int SalePoints = 80;
    private const int PromotionExtra = 20;
    private const decimal PromotionMultiplier = 1.5m;
}
