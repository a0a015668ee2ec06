using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Promotions;
using Club.Application.Features.Registration;
using Club.Application.Features.Reports;
using Club.Application.Features.Sales;
using Club.Application.Tests.Features.Points;
using Club.Domain.Sales;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Sales;

/// <summary>
/// A seller's points per sale by product, collection and category, and seller promotions paid with the sale.
/// Each test keeps to its own products (rules and promotions are global): Классика and pendants for the
/// rules, Весна earrings and bracelets for the promotions (no buyer promotion covers them in the demo data).
/// </summary>
public class SellerIncentiveTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const int DefaultPoints = 50;

    [Fact]
    public async Task A_sale_pays_the_product_rule_else_the_collection_else_the_category_else_the_default()
    {
        var seller = await db.SellerAsync();
        var pendant = await SaleOfAsync(seller, "AQ-CLS-P01"); // Классика, pendant
        pendant.Points.Should().Be(DefaultPoints, "no seller rule yet");

        await SaveSellerRulesAsync(categories: new() { ["Pendant"] = 60 });
        (await SaleOfAsync(seller, "AQ-CLS-P01")).Points.Should().Be(60, "the category's rule");
        (await SaleOfAsync(seller, "AQ-CLS-R01")).Points.Should().Be(DefaultPoints, "a ring of the collection has no rule yet");

        await SaveSellerRulesAsync(collections: new() { ["Классика"] = 70 });
        (await SaleOfAsync(seller, "AQ-CLS-P01")).Points.Should().Be(70, "the collection's rule wins over the category's");
        (await SaleOfAsync(seller, "AQ-CLS-R01")).Points.Should().Be(70);

        var productId = await ProductIdAsync("AQ-CLS-P01");
        await SaveSellerRulesAsync(products: new() { [productId] = 80 });
        var sale = await SaleOfAsync(seller, "AQ-CLS-P01");
        sale.Points.Should().Be(80, "the product's own rule wins over everything");
        (await SaleOfAsync(seller, "AQ-SPR-BR1")).Points.Should().Be(DefaultPoints, "another collection and category keep the default");

        var rules = await db.SendAsync<PointsRules>(new ListPointsRulesQuery());
        rules.Products.Single(p => p.ProductId == productId).SellerEffective.Should().Be(80);
        rules.Products.Single(p => p.Sku == "AQ-CLS-R01").SellerEffective.Should().Be(70);
        rules.Categories.Single(c => c.Category == "Pendant").SellerPoints.Should().Be(60);

        await db.RegisterAsync(sale.Tag);
        (await db.BalanceAsync(seller.Id)).Should().Be(80, "only the registered item's sale is confirmed, and paid the points fixed when it was recorded");

        await SaveSellerRulesAsync(products: new() { [productId] = null });
        (await SaleOfAsync(seller, "AQ-CLS-P01")).Points.Should().Be(70, "removing the product rule falls back to the collection's");
    }

    [Fact]
    public async Task A_seller_promotion_is_paid_once_under_twenty_parallel_confirmations()
    {
        var seller = await db.SellerAsync();
        await CreateSellerPromotionAsync("Серьги x1.5 +30", seller.PartnerName, "AQ-SPR-E01", DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), 30, 1.5m);
        var tags = await db.ActiveTagsAsync(seller, 1, sku: "AQ-SPR-E01");
        var buyer = await db.RegisterAsync(tags[0]);
        var recorded = await db.RecordAsync(seller, tags[0].Serial);
        recorded.State.Should().Be(SaleState.AwaitingConfirmation);
        var sale = await SaleAsync(recorded.SaleId!.Value);
        (sale.Points, sale.PromotionPoints).Should().Be((DefaultPoints, 30 + 25), "30 extra and half of the sale's 50 again");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, sale.Id, SoldByThisSeller: true)))));
        answers.Count(a => a.Succeeded).Should().Be(1);
        // The ledger's key holds even if the payment itself runs twenty times at once.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => db.WithScopeAsync<ClubDbContext, bool>(async context =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            await SaleConfirmations.PayAsync(context, sale, DateTimeOffset.UtcNow, CancellationToken.None);
            await transaction.CommitAsync();
            return true;
        }))));

        (await db.BalanceAsync(seller.Id)).Should().Be(DefaultPoints + 55);
        var keys = await db.WithScopeAsync<ClubDbContext, List<string>>(c => c.PointsEntries.Where(e => e.MemberId == seller.Id)
            .Select(e => e.IdempotencyKey).ToListAsync());
        keys.Should().BeEquivalentTo([$"sale:{sale.Id}", $"{SaleConfirmations.PromotionKeyPrefix}{sale.Id}"]);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_seller_promotion_pays_only_within_its_dates_and_to_its_partners_sellers()
    {
        var seller = await db.SellerAsync();
        var other = await db.SellerAsync(notOf: seller.PartnerName);
        var now = DateTimeOffset.UtcNow;
        await CreateSellerPromotionAsync("Ended", null, "AQ-SPR-B01", now.AddDays(-3), now.AddDays(-1), 200, 1m);
        await CreateSellerPromotionAsync("Not yet", null, "AQ-SPR-B01", now.AddDays(1), now.AddDays(3), 300, 1m);
        await CreateSellerPromotionAsync("The other partner's", other.PartnerName, "AQ-SPR-B01", now.AddHours(-1), now.AddDays(1), 100, 1m);

        var mine = await db.ActiveTagsAsync(seller, 1, sku: "AQ-SPR-B01");
        var theirs = await db.ActiveTagsAsync(other, 1, sku: "AQ-SPR-B01");
        var mySale = await SaleAsync((await db.RecordAsync(seller, mine[0].Serial)).SaleId!.Value);
        var theirSale = await SaleAsync((await db.RecordAsync(other, theirs[0].Serial)).SaleId!.Value);

        (mySale.PromotionId, mySale.PromotionPoints).Should().Be((null, 0), "one promotion is over, one has not started, one is another partner's");
        theirSale.PromotionPoints.Should().Be(100);
        (await db.SalesAsync(other.Id)).Single(s => s.Id == theirSale.Id).Points.Should().Be(DefaultPoints + 100, "the seller's list shows what the sale pays, its promotion included");
        (await db.SalesAsync(seller.Id)).Single(s => s.Id == mySale.Id).Points.Should().Be(DefaultPoints);
        await db.RegisterAsync(theirs[0]);
        (await db.BalanceAsync(other.Id)).Should().Be(DefaultPoints + 100);
        var history = (await db.SendAsync<MyPoints>(new GetMyPointsQuery(other.Id))).History;
        history.Should().Contain(h => h.Reason == Club.Domain.Points.PointsReason.SellerPromotionBonus && h.Amount == 100);
        // The partner report shows the bonus per seller and per shop.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var report = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(await db.IdOfAsync("manager@club.demo"), null, today, today));
        report.Sellers.Single(r => r.SellerId == other.Id).SellerPromotionPoints.Should().Be(100);
        report.Shops.Where(r => r.PartnerName == other.PartnerName).Sum(r => r.SellerPromotionPoints).Should().Be(100);

        // A buyer's registration never earns a seller promotion's bonus.
        var registration = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(
            (await TestTags.CreateBuyerAsync(db.Services)).Id, mine[0].Serial, mine[0].ScratchCode));
        registration.PromotionBonus.Should().Be(0);
    }

    private async Task<(PrintedTag Tag, int Points, int PromotionPoints)> SaleOfAsync((Guid Id, string PartnerName) seller, string sku)
    {
        var tags = await db.ActiveTagsAsync(seller, 1, sku: sku);
        var recorded = await db.RecordAsync(seller, tags[0].Serial);
        recorded.Recorded.Should().BeTrue(recorded.Message);
        var sale = await SaleAsync(recorded.SaleId!.Value);
        return (tags[0], sale.Points, sale.PromotionPoints);
    }

    private Task<Sale> SaleAsync(long id) => db.WithScopeAsync<ClubDbContext, Sale>(c => c.Sales.AsNoTracking().SingleAsync(s => s.Id == id));

    private Task<int> ProductIdAsync(string sku) => db.WithScopeAsync<ClubDbContext, int>(c => c.Products.Where(p => p.Sku == sku).Select(p => p.Id).SingleAsync());

    private async Task SaveSellerRulesAsync(
        Dictionary<int, int?>? products = null, Dictionary<string, int?>? collections = null, Dictionary<string, int?>? categories = null)
    {
        var current = await db.SendAsync<PointsRules>(new ListPointsRulesQuery());
        var result = await db.SendAsync<Result>(new SavePointsRulesCommand("tests", current.FirstItemBonus, new Dictionary<string, int?>(), new Dictionary<int, int?>())
        {
            SellerRules = new SellerSaleRules(products ?? [], collections ?? [], categories ?? []),
        });
        result.Succeeded.Should().BeTrue();
    }

    private async Task CreateSellerPromotionAsync(string title, string? partner, string sku, DateTimeOffset starts, DateTimeOffset ends, int extra, decimal multiplier)
    {
        var result = await db.SendAsync<Result>(new CreatePromotionCommand("tests", title, partner, null, null, starts, ends, extra, multiplier)
        {
            ForSellers = true,
            ProductSku = sku,
        });
        result.Succeeded.Should().BeTrue();
    }
}
