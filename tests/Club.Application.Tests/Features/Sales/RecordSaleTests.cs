using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.Points;
using Club.Application.Features.Registration;
using Club.Application.Features.Sales;
using Club.Application.Features.Tags;
using Club.Application.Tests.Features.Points;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Domain.Sales;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Sales;

[LongRunning]
public class RecordSaleTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const int SalePoints = 50;

    [Fact]
    public async Task Seller_first_the_points_wait_for_the_buyer_and_are_credited_once_when_the_buyer_registers()
    {
        var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, 1);

        var recorded = await RecordAsync(seller, tags[0].Serial);
        recorded.State.Should().Be(SaleState.AwaitingBuyer);
        (await BalanceAsync(seller.Id)).Should().Be(0);

        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));

        (await BalanceAsync(seller.Id)).Should().Be(SalePoints);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(seller.Id))).History.Should().ContainSingle(h => h.Reason == PointsReason.SaleConfirmed)
            .Which.ProductName.Should().NotBeNullOrEmpty("the seller's points history names what was sold");
        var mail = await db.WithScopeAsync<ClubDbContext, Club.Domain.Mail.OutboxMail>(c =>
            c.MailOutbox.AsNoTracking().SingleAsync(m => m.IdempotencyKey == $"sale-confirmed:{recorded.SaleId}"));
        mail.MemberId.Should().Be(seller.Id);
        mail.Template.Should().Be(SaleConfirmations.ConfirmedMailTemplate);
        mail.Values.Should().Contain("Points", SalePoints.ToString(CultureInfo.InvariantCulture)).And.ContainKey("Product");
        mail.Values["Product"].Should().NotBeEmpty();
        (await SalesAsync(seller.Id)).Single().Serial.Should().Be(tags[0].Serial);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Buyer_first_the_claim_waits_for_the_buyers_yes_and_pays_once()
    {
        var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, 1);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));

        var recorded = await RecordAsync(seller, tags[0].Serial);

        recorded.State.Should().Be(SaleState.AwaitingConfirmation);
        (await BalanceAsync(seller.Id)).Should().Be(0, "anyone can read a serial off a registered item: the buyer confirms first");
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, recorded.SaleId!.Value, SoldByThisSeller: true))));
        answers.Count(a => a.Succeeded).Should().Be(1);
        (await BalanceAsync(seller.Id)).Should().Be(SalePoints);
        (await SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Confirmed);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_sellers_racing_with_twenty_parallel_claims_make_one_sale_and_one_dispute_and_one_payment()
    {
        var (first, second) = (await SellerAsync(), await SellerAsync());
        var tags = await ActiveTagsAsync(first, 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => RecordAsync(i % 2 == 0 ? first : second, tags[0].Serial))));

        results.Count(r => r.Recorded && r.State == SaleState.AwaitingBuyer).Should().Be(1);
        results.Count(r => r.Recorded && r.State == SaleState.Disputed).Should().Be(1);
        results.Where(r => !r.Recorded).Should().OnlyContain(r => r.Message == "You have already recorded this sale.");
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));
        (await BalanceAsync(first.Id) + await BalanceAsync(second.Id)).Should().Be(SalePoints);
        (await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery()))
            .Should().ContainSingle(f => f.State == SaleState.Disputed && f.Id == results.Single(r => r.State == SaleState.Disputed).SaleId
                && f.Rival != null && f.Rival.State == SaleState.Confirmed);
    }

    [Fact]
    public async Task A_tag_shipped_to_another_partner_is_recorded_but_held_for_review_without_points()
    {
        var seller = await SellerAsync();
        var otherPartner = (await db.SendAsync<IReadOnlyList<string>>(new ListPartnerNamesQuery())).First(p => p != seller.PartnerName);
        var tags = await ActiveTagsAsync(seller, 1, shipTo: otherPartner);

        var recorded = await RecordAsync(seller, tags[0].Serial);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));

        recorded.State.Should().Be(SaleState.Flagged);
        (await BalanceAsync(seller.Id)).Should().Be(0);
        (await SalesAsync(seller.Id)).Should().ContainSingle(s => s.Flag == SaleFlag.OtherPartner && s.State == SaleState.Flagged);
    }

    [Fact]
    public async Task A_seller_buying_from_themselves_earns_no_sale_points()
    {
        var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, 1);
        await RecordAsync(seller, tags[0].Serial);

        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(seller.Id, tags[0].Serial, tags[0].ScratchCode));

        (await SalesAsync(seller.Id)).Should().ContainSingle(s => s.Flag == SaleFlag.SelfPurchase && s.State == SaleState.Flagged);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(seller.Id))).History.Should().NotContain(h => h.Reason == PointsReason.SaleConfirmed);
    }

    [Fact]
    public async Task Refusals_say_why_and_record_nothing()
    {
        var seller = await SellerAsync();
        var active = await ActiveTagsAsync(seller, 3);
        var (_, notShipped) = await TestTags.CreateBatchAsync(db.Services, 1, onSale: false);
        await db.SendAsync<VoidTagsResult>(new VoidTagsCommand(await BatchOfAsync(active[2].Serial), [active[2].Serial]));
        var pending = await SellerAsync(SellerStatus.Pending);
        await RecordAsync(seller, active[1].Serial);

        (await RecordAsync(seller, notShipped[0].Serial)).Message.Should().Contain("not on sale yet");
        (await RecordAsync(seller, active[2].Serial)).Message.Should().Contain("withdrawn");
        (await RecordAsync(seller, active[1].Serial)).Message.Should().Be("You have already recorded this sale.");
        (await RecordAsync(pending, active[0].Serial)).Message.Should().Contain("not active");
        (await RecordAsync(seller, active[0].Serial[..12] + (active[0].Serial[12] == 'A' ? 'B' : 'A'))).Message.Should().Contain("typo");
        (await RecordAsync(seller, "not a serial at all")).Message.Should().Be("This is not a serial of our tags.");
        (await RecordAsync(seller, new string('Z', 5000))).Message.Should().Be("This is not a serial of our tags.");

        (await SalesAsync(seller.Id)).Should().ContainSingle();
        (await SalesAsync(pending.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_daily_cap_stops_mass_claiming()
    {
                var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, Sale.DefaultDailyCap + 1);

        foreach (var tag in tags.Take(Sale.DefaultDailyCap))
        {
            (await RecordAsync(seller, tag.Serial)).Recorded.Should().BeTrue();
        }

        (await RecordAsync(seller, tags[^1].Serial)).Message.Should().Contain("today's limit");
    }

    [Fact]
    public async Task The_daily_cap_holds_under_a_hundred_parallel_posts_across_two_nodes()
    {
                var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, 100);
        await using var otherNode = TestServices.Build(db.ConnectionString);
        await otherNode.GetRequiredService<Club.Infrastructure.Postgres.ClubDatabase>().StartAsync();

        // Half the posts through each node's own services and pool, all at once.
        var results = await Task.WhenAll(tags.Select((tag, i) => Task.Run(async () =>
        {
            await using var scope = (i % 2 == 0 ? db.Services : otherNode).CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new RecordSaleCommand(seller.Id, tag.Serial));
        })));

        results.Count(r => r.Recorded).Should().Be(Sale.DefaultDailyCap);
        results.Where(r => !r.Recorded).Should().OnlyContain(r => r.Message.Contains("today's limit"));
        (await SalesAsync(seller.Id)).Should().HaveCount(Sale.DefaultDailyCap);
    }

    [Fact]
    public async Task A_seller_posting_one_tag_many_times_at_once_is_told_she_already_recorded_it()
    {
        var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => RecordAsync(seller, tags[0].Serial))));

        results.Count(r => r.Recorded).Should().Be(1);
        results.Where(r => !r.Recorded).Should().OnlyContain(r => r.Message == "You have already recorded this sale.");
    }

    [Fact]
    public async Task Sales_without_a_buyer_after_the_window_expire_once_and_nothing_reaches_the_ledger()
    {
        var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, 2);
        var old = await RecordAsync(seller, tags[0].Serial);
        await RecordAsync(seller, tags[1].Serial);
        await db.WithScopeAsync<Club.Infrastructure.Persistence.ClubDbContext, int>(context =>
            context.Database.ExecuteSqlAsync($"UPDATE sales SET recorded_at = now() - interval '31 days' WHERE id = {old.SaleId}"));

        var first = await db.SendAsync<int>(new ExpireUnconfirmedSalesCommand());
        var again = await db.SendAsync<int>(new ExpireUnconfirmedSalesCommand());

        (first, again).Should().Be((1, 0));
        (await SalesAsync(seller.Id)).Select(s => s.State).Should().BeEquivalentTo([SaleState.Expired, SaleState.AwaitingBuyer]);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));
        (await BalanceAsync(seller.Id)).Should().Be(0, "an expired sale pays nothing when its buyer comes late");
    }

    [Fact]
    public async Task An_approved_grey_market_sale_with_a_registered_buyer_pays_once_however_many_clicks()
    {
        var seller = await SellerAsync();
        var otherPartner = (await db.SendAsync<IReadOnlyList<string>>(new ListPartnerNamesQuery())).First(p => p != seller.PartnerName);
        var tags = await ActiveTagsAsync(seller, 1, shipTo: otherPartner);
        var sale = await RecordAsync(seller, tags[0].Serial);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));
        (await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery())).Should().Contain(f => f.Id == sale.SaleId && f.BuyerRegistered);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => db.SendAsync<Result>(new ReviewSaleCommand(sale.SaleId!.Value, Approve: true))));

        results.Count(r => r.Succeeded).Should().Be(1);
        (await BalanceAsync(seller.Id)).Should().Be(SalePoints);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_self_purchase_cannot_be_approved_and_a_rejected_sale_never_pays()
    {
        var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, 1);
        var sale = await RecordAsync(seller, tags[0].Serial);
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(seller.Id, tags[0].Serial, tags[0].ScratchCode));

        var approve = await db.SendAsync<Result>(new ReviewSaleCommand(sale.SaleId!.Value, Approve: true));
        var reject = await db.SendAsync<Result>(new ReviewSaleCommand(sale.SaleId!.Value, Approve: false));

        approve.Succeeded.Should().BeFalse();
        reject.Succeeded.Should().BeTrue();
        (await SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Rejected);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(seller.Id))).History.Should().NotContain(h => h.Reason == PointsReason.SaleConfirmed);
    }

    [Fact]
    public async Task A_partner_manager_sees_the_sellers_and_sales_of_their_own_partner_only()
    {
        var seller = await SellerAsync();
        var tags = await ActiveTagsAsync(seller, 1);
        await RecordAsync(seller, tags[0].Serial);
        var manager = await db.IdOfAsync("partner@club.demo");

        var mine = await db.SendAsync<PartnerSellers>(new ListMyPartnerSellersQuery(manager));

        var ownPartner = mine.PartnerName == seller.PartnerName;
        mine.Sellers.Any(s => s.SalesRecorded >= 1).Should().Be(ownPartner);
        var everyoneOfThisPartner = await db.WithScopeAsync<Club.Infrastructure.Persistence.ClubDbContext, List<string>>(context =>
            context.Members.Where(m => m.SellerStatus != null && context.Partners.Any(p => p.Id == m.PartnerId && p.Name == mine.PartnerName))
                .Select(m => m.FullName).ToListAsync());
        mine.Sellers.Select(s => s.FullName).Should().BeEquivalentTo(everyoneOfThisPartner);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.Invoking(d => d.SendAsync<PartnerSellers>(new ListMyPartnerSellersQuery(buyer))).Should().ThrowAsync<NotFoundException>();
    }

    private async Task<int> BatchOfAsync(string serial)
    {
        var codes = db.Services.GetRequiredService<ITagCodes>();
        codes.TryDecodeSerial(serial, out var id);
        return await db.WithScopeAsync<Club.Infrastructure.Persistence.ClubDbContext, int>(async context =>
            (await context.Tags.FindAsync(id))!.BatchId);
    }

    private Task<RecordSaleResult> RecordAsync((Guid Id, string PartnerName) seller, string serial) => db.RecordAsync(seller, serial);

    private Task<int> BalanceAsync(Guid member) => db.BalanceAsync(member);

    private Task<IReadOnlyList<MySale>> SalesAsync(Guid seller) => db.SalesAsync(seller);

    private Task<IReadOnlyList<PrintedTag>> ActiveTagsAsync((Guid Id, string PartnerName) seller, int quantity, string? shipTo = null) =>
        db.ActiveTagsAsync(seller, quantity, shipTo);

    private Task<(Guid Id, string PartnerName)> SellerAsync(SellerStatus status = SellerStatus.Active) => db.SellerAsync(status);
}
