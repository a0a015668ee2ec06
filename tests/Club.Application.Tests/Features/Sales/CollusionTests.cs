using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Sales;
using Club.Application.Features.Verification;
using Club.Application.Tests.Features.Points;
using Club.Application.Tests.Features.Verification;
using Club.Domain.Sales;
using Club.Domain.Verification;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Sales;

/// <summary>
/// Collusion between a seller and a buyer: each kind of evidence puts the paid sale in "Sales to review",
/// nothing is blocked, and the program manager keeps or takes back the seller's points.
/// </summary>
public class CollusionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const int SalePoints = 50;

    [Fact]
    public async Task A_buyer_with_the_phone_of_the_sellers_shop_is_paid_and_put_up_for_review()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var sale = await db.RecordAsync(seller, tags[0].Serial);
        var buyer = await TestTags.CreateBuyerAsync(db.Services);
        // The shop's card writes the number as people do; the buyer's account holds it in E.164.
        await using (var context = await CreateAsync())
        {
            var phone = await context.Database.SqlQuery<string>($"SELECT phone_number AS \"Value\" FROM users WHERE id = {buyer.Id}").SingleAsync();
            var written = $"8 ({phone[2..5]}) {phone[5..8]}-{phone[8..10]}-{phone[10..]}";
            await context.Database.ExecuteSqlAsync($"UPDATE shops SET phone = {written} WHERE id = (SELECT shop_id FROM sales WHERE id = {sale.SaleId})");
        }

        try
        {
            await db.RegisterAsync(tags[0], buyer.Id);

            (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints, "evidence never blocks a sale");
            (await db.SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Confirmed);
            (await ListedAsync(sale.SaleId)).Evidence.Should().Equal(new SaleEvidence(SaleFlag.SharedPhone, 1));
        }
        finally
        {
            await using var context = await CreateAsync();
            await context.Database.ExecuteSqlAsync($"UPDATE shops SET phone = NULL WHERE id = (SELECT shop_id FROM sales WHERE id = {sale.SaleId})");
        }
    }

    [Fact]
    public async Task The_same_visitor_hash_is_found_by_the_alert_job_once_the_scans_are_logged_and_a_re_run_flags_nothing_more()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var sale = await db.RecordAsync(seller, tags[0].Serial);
        var buyer = await db.RegisterAsync(tags[0]);
        var atConfirmation = await SuspicionsAsync(sale.SaleId!.Value);
        var confirmedAt = await ConfirmedAtAsync(sale.SaleId.Value);

        // The scan log is written in batches: the seller's and the buyer's views, from one phone, arrive late.
        var log = db.Services.GetRequiredService<IScanLog>();
        db.Services.GetRequiredService<ITagCodes>().TryDecodeSerial(tags[0].Serial, out var tagId);
        var phone = Guid.NewGuid().ToByteArray();
        log.Add(new TagScan { TagId = tagId, ScannedAt = confirmedAt.AddMinutes(-3), ClientHash = phone, MemberId = seller.Id, Verdict = Verdict.Available });
        log.Add(new TagScan { TagId = tagId, ScannedAt = confirmedAt.AddMinutes(-1), ClientHash = phone, MemberId = buyer, Verdict = Verdict.Available });
        log.Add(new TagScan { TagId = tagId, ScannedAt = confirmedAt.AddMinutes(-2), ClientHash = Guid.NewGuid().ToByteArray(), MemberId = buyer, Verdict = Verdict.Available });
        await log.FlushAsync();
        var job = new EvaluateScanAlertsCommand { At = ScanAlertSettings.WindowStartOf(confirmedAt) + ScanAlertSettings.Window + TimeSpan.FromMinutes(1) };
        await db.SendAsync<int>(job);
        await db.SendAsync<int>(job);

        atConfirmation.Should().BeEmpty();
        (await SuspicionsAsync(sale.SaleId.Value)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = SaleFlag.SharedVisitor, Count = 1 });
        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints);
    }

    [Fact]
    public async Task A_buyer_registering_many_items_of_one_seller_in_a_short_time_puts_the_sale_that_reaches_the_threshold_up_for_review()
    {
        var items = new ScanAlertSettings().RepeatBuyerItems;
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, items);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var sales = new List<long>();
        foreach (var tag in tags)
        {
            sales.Add((await db.RecordAsync(seller, tag.Serial)).SaleId!.Value);
            await db.RegisterAsync(tag, buyer);
        }

        for (var i = 0; i < items - 1; i++)
        {
            (await SuspicionsAsync(sales[i])).Should().BeEmpty();
        }

        (await SuspicionsAsync(sales[^1])).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = SaleFlag.RepeatBuyer, Count = items });
        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints * items);
    }

    [Fact]
    public async Task A_buyer_and_a_seller_sharing_only_an_email_domain_are_not_suspected()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var sale = await db.RecordAsync(seller, tags[0].Serial);
        var buyer = await TestTags.CreateBuyerAsync(db.Services);
        buyer.Email.Split('@')[1].Should().Be("tests.example", "the seller's mail is at the same domain");

        await db.RegisterAsync(tags[0], buyer.Id);
        await db.SendAsync<int>(new EvaluateScanAlertsCommand { At = DateTimeOffset.UtcNow + ScanAlertSettings.Window });

        (await SuspicionsAsync(sale.SaleId!.Value)).Should().BeEmpty();
        (await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery())).Should().NotContain(f => f.Id == sale.SaleId);
    }

    [Fact]
    public async Task Keeping_leaves_the_points_and_taking_back_reverses_them_through_the_ledger_once()
    {
        var manager = await BrandProtectionSupport.ManagerAsync(db);
        var (kept, keptSeller) = await db.RepeatBuyerSuspectAsync();
        var (reversed, reversedSeller) = await db.RepeatBuyerSuspectAsync();

        var keep = await db.SendAsync<Result>(new ReviewSuspectedSaleCommand(manager, kept, KeepPoints: true));
        var reverse = await db.SendAsync<Result>(new ReviewSuspectedSaleCommand(manager, reversed, KeepPoints: false));
        var again = await db.SendAsync<Result>(new ReviewSuspectedSaleCommand(manager, reversed, KeepPoints: false));

        (keep.Succeeded, reverse.Succeeded, again.Succeeded).Should().Be((true, true, false));
        again.Errors.Single().ErrorMessage.Should().Be("This sale has already been reviewed.");
        var items = new ScanAlertSettings().RepeatBuyerItems;
        (await db.BalanceAsync(keptSeller)).Should().Be(SalePoints * items);
        (await db.BalanceAsync(reversedSeller)).Should().Be(SalePoints * (items - 1), "only the suspected sale's points are taken back");
        (await db.SalesAsync(reversedSeller)).Select(s => s.State).Should().ContainSingle(s => s == SaleState.Rejected);
        (await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery())).Select(f => f.Id).Should().NotContain([kept, reversed]);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
        await using var context = await CreateAsync();
        (await LedgerChecks.InvariantBreachesAsync(context)).Should().BeEmpty();
        (await context.SaleSuspicions.SingleAsync(s => s.SaleId == reversed)).Should().BeEquivalentTo(new { ReviewedBy = manager, PointsKept = false });
        (await context.AuditLog.CountAsync(a => a.Action == "sale.collusion-review" && a.EntityId == reversed.ToString(CultureInfo.InvariantCulture))).Should().Be(1);
    }

    [Fact]
    public async Task A_partner_manager_sees_only_their_partners_suspected_sales()
    {
        var (partnerManager, partner) = await BrandProtectionSupport.PartnerManagerAsync(db);
        var (elsewhere, _) = await db.RepeatBuyerSuspectAsync(notOf: partner);
        var (own, _) = await db.RepeatBuyerSuspectAsync(of: partner);

        var seen = await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery(partnerManager));
        var all = await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery(await BrandProtectionSupport.ManagerAsync(db)));

        seen.Should().OnlyContain(f => f.PartnerName == partner);
        seen.Select(f => f.Id).Should().Contain(own).And.NotContain(elsewhere);
        all.Should().ContainSingle(f => f.Id == elsewhere).Which.Suspected.Should().BeTrue();
    }

    private async Task<FlaggedSale> ListedAsync(long? saleId) =>
        (await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery())).Single(f => f.Id == saleId);

    private async Task<List<SaleSuspicion>> SuspicionsAsync(long saleId)
    {
        await using var context = await CreateAsync();
        return await context.SaleSuspicions.AsNoTracking().Where(s => s.SaleId == saleId).ToListAsync();
    }

    private async Task<DateTimeOffset> ConfirmedAtAsync(long saleId)
    {
        await using var context = await CreateAsync();
        return await context.Sales.Where(s => s.Id == saleId).Select(s => s.ConfirmedAt!.Value).SingleAsync();
    }

    private Task<IClubDb> CreateAsync() => BrandProtectionSupport.CreateAsync(db);
}
