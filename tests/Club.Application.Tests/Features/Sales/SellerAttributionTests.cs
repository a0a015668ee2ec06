using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.Points;
using Club.Application.Features.Registration;
using Club.Application.Features.Reports;
using Club.Application.Features.Sales;
using Club.Application.Features.Sellers;
using Club.Application.Features.Tags;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Domain.Sales;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Sales;

/// <summary>Who sold an item, in every order of events: the seller's record, the buyer's registration and the buyer's answer.</summary>
public class SellerAttributionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const int SalePoints = 50;

    [Fact]
    public async Task Sale_then_registration_pays_at_the_registration_and_the_buyer_can_still_say_it_was_not_this_seller()
    {
        var seller = await db.SellerAsync(name: "Анна Петрова");
        var tags = await db.ActiveTagsAsync(seller, 1);
        await db.RecordAsync(seller, tags[0].Serial);
        var buyer = await RegisterAsync(tags[0]);
        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints);

        var item = await ItemSaleAsync(buyer, tags[0].Serial);
        item.Question.Should().BeEquivalentTo(new { SellerName = "Анна", Paid = true });
        (await db.SendAsync<IReadOnlyList<SaleQuestion>>(new ListSaleQuestionsQuery(buyer))).Should().ContainSingle();

        var no = await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, item.Question!.SaleId, SoldByThisSeller: false));
        var again = await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, item.Question.SaleId, SoldByThisSeller: false));

        (no.Succeeded, again.Succeeded).Should().Be((true, false));
        (await db.BalanceAsync(seller.Id)).Should().Be(0, "the declined sale's points are taken back through the ledger");
        (await db.SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Declined);
        (await db.SendAsync<IReadOnlyList<SaleQuestion>>(new ListSaleQuestionsQuery(buyer))).Should().BeEmpty();
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Registration_then_sale_asks_the_buyer_by_mail_and_pays_only_on_yes()
    {
        var seller = await db.SellerAsync(name: "Вера Новикова");
        var tags = await db.ActiveTagsAsync(seller, 1);
        var buyer = await RegisterAsync(tags[0]);

        var sale = await db.RecordAsync(seller, tags[0].Serial);

        sale.State.Should().Be(SaleState.AwaitingConfirmation);
        var mail = await db.WithScopeAsync<ClubDbContext, Club.Domain.Mail.OutboxMail>(c =>
            c.MailOutbox.AsNoTracking().SingleAsync(m => m.IdempotencyKey == $"sale-question:{sale.SaleId}"));
        mail.MemberId.Should().Be(buyer);
        mail.Values["Seller"].Should().Be("Вера");
        mail.Values["Link"].Should().EndWith($"/cabinet/items/{tags[0].Serial}");
        (await ItemSaleAsync(buyer, tags[0].Serial)).Question.Should().BeEquivalentTo(new { SaleId = sale.SaleId!.Value, Paid = false });
        (await db.BalanceAsync(seller.Id)).Should().Be(0);

        var someoneElse = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.Invoking(d => d.SendAsync<Result>(new AnswerSaleClaimCommand(someoneElse, sale.SaleId!.Value, true))).Should().ThrowAsync<NotFoundException>();
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, sale.SaleId!.Value, true))).Succeeded.Should().BeTrue();

        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints);
        (await db.SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Confirmed);
    }

    [Fact]
    public async Task Registration_then_sale_declined_pays_nothing_and_counts_against_the_seller()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var buyer = await RegisterAsync(tags[0]);
        var sale = await db.RecordAsync(seller, tags[0].Serial);

        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, sale.SaleId!.Value, SoldByThisSeller: false))).Succeeded.Should().BeTrue();

        (await db.BalanceAsync(seller.Id)).Should().Be(0);
        (await db.SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Declined);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var manager = await db.IdOfAsync("manager@club.demo");
        var partnerId = (await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery())).First().PartnerId;
        var report = await db.SendAsync<PartnerReport>(new GetPartnerReportQuery(manager, partnerId, today, today));
        report.Sellers.Single(s => s.SellerId == seller.Id).SalesDeclined.Should().Be(1);
        var partnerManager = await db.IdOfAsync("partner@club.demo");
        var mine = await db.SendAsync<PartnerSellers>(new ListMyPartnerSellersQuery(partnerManager));
        if (mine.PartnerName == seller.PartnerName)
        {
            mine.Sellers.Sum(s => s.SalesDeclined).Should().BeGreaterThanOrEqualTo(1);
        }

        // Declined, the claim no longer holds the item: the buyer can name the seller who did sell it, who
        // is paid once a manager has checked it (SaleClaimCycleTests).
        var honest = await db.SellerAsync();
        (await db.SendAsync<Result>(new NameSellerCommand(buyer, tags[0].Serial, SellerId: honest.Id))).Succeeded.Should().BeTrue();
        (await db.SalesAsync(honest.Id)).Single().State.Should().Be(SaleState.Flagged);
    }

    [Fact]
    public async Task Registration_then_sale_unanswered_expires_unpaid_and_can_no_longer_be_answered()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 2);
        var buyer = await RegisterAsync(tags[0]);
        await RegisterAsync(tags[1], buyer);
        var old = await db.RecordAsync(seller, tags[0].Serial);
        var fresh = await db.RecordAsync(seller, tags[1].Serial);
        await db.WithScopeAsync<ClubDbContext, int>(c =>
            c.Database.ExecuteSqlAsync($"UPDATE sales SET recorded_at = now() - interval '15 days' WHERE id = {old.SaleId}"));

        var expired = await db.SendAsync<int>(new ExpireUnconfirmedSalesCommand());
        var again = await db.SendAsync<int>(new ExpireUnconfirmedSalesCommand());

        (expired, again).Should().Be((1, 0));
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, old.SaleId!.Value, true))).Succeeded.Should().BeFalse();
        (await db.SalesAsync(seller.Id)).Select(s => (s.Id, s.State)).Should().BeEquivalentTo(
            [(old.SaleId!.Value, SaleState.Expired), (fresh.SaleId!.Value, SaleState.AwaitingConfirmation)]);
        (await db.BalanceAsync(seller.Id)).Should().Be(0);
    }

    [Fact]
    public async Task The_buyer_names_the_seller_from_the_list_or_by_card_once_within_the_daily_cap()
    {
        var seller = await db.SellerAsync(name: "Ольга Смирнова");
        var tags = await db.ActiveTagsAsync(seller, 3);
        var buyer = await RegisterAsync(tags[0]);
        await RegisterAsync(tags[1], buyer);

        var item = await ItemSaleAsync(buyer, tags[0].Serial);
        item.CanNameSeller.Should().BeTrue();
        item.Sellers.Should().Contain(s => s.SellerId == seller.Id && s.Name == "Ольга");
        (await db.SendAsync<Result>(new NameSellerCommand(buyer, tags[0].Serial, SellerId: seller.Id))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new NameSellerCommand(buyer, tags[0].Serial, SellerId: seller.Id))).Succeeded.Should().BeFalse();
        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints);
        (await ItemSaleAsync(buyer, tags[0].Serial)).Should().BeEquivalentTo(new { CanNameSeller = false, State = SaleState.Confirmed, Question = (SaleQuestion?)null });

        // By card: the code, not the seller's id, in any case and with spaces.
        var card = await db.SendAsync<MySellerCard>(new GetMySellerCardCommand(seller.Id));
        (await db.SendAsync<MySellerCard>(new GetMySellerCardCommand(seller.Id))).Code.Should().Be(card.Code);
        card.Link.Should().EndWith("/S/" + card.Code).And.NotContain(seller.Id.ToString());
        var byCard = await db.SendAsync<SellerByCard?>(new GetSellerByCardQuery(card.Code.ToLowerInvariant(), buyer));
        byCard!.Items.Select(i => i.Serial).Should().Equal(tags[1].Serial);
        (await db.SendAsync<Result>(new NameSellerCommand(buyer, tags[1].Serial, SellerCode: card.Code[..4] + " " + card.Code[4..]))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(seller.Id)).Should().Be(2 * SalePoints);

        // Not the buyer's item, a made-up code: refused, nothing recorded.
        await db.Invoking(d => d.SendAsync<Result>(new NameSellerCommand(buyer, tags[2].Serial, SellerId: seller.Id))).Should().ThrowAsync<NotFoundException>();
        var other = await RegisterAsync(tags[2]);
        (await db.SendAsync<Result>(new NameSellerCommand(other, tags[2].Serial, SellerCode: "ZZZZZZZZ"))).Succeeded.Should().BeFalse();
        (await db.SalesAsync(seller.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_seller_named_by_themselves_is_held_and_claims_waiting_for_buyers_count_toward_the_daily_cap()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 2);
        var self = await RegisterAsync(tags[0], seller.Id);
        (await db.SendAsync<Result>(new NameSellerCommand(self, tags[0].Serial, SellerId: seller.Id))).Succeeded.Should().BeTrue();
        (await db.SalesAsync(seller.Id)).Single().Should().BeEquivalentTo(new { State = SaleState.Flagged, Flag = SaleFlag.SelfPurchase });
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(seller.Id))).History.Should().NotContain(h => h.Reason == PointsReason.SaleConfirmed);

        var buyer = await RegisterAsync(tags[1]);
        await SetPolicyAsync(windowDays: 30, dailyCap: 2, answerDays: 14);
        try
        {
            var capped = await db.SellerAsync();
            var more = await db.ActiveTagsAsync(capped, 3);
            foreach (var tag in more.Take(2))
            {
                await RegisterAsync(tag);
                (await db.RecordAsync(capped, tag.Serial)).State.Should().Be(SaleState.AwaitingConfirmation);
            }

            (await db.SendAsync<Result>(new NameSellerCommand(buyer, tags[1].Serial, SellerId: capped.Id))).Errors.Single().ErrorMessage
                .Should().Contain("today's limit");
        }
        finally
        {
            await SetPolicyAsync(Sale.DefaultWindowDays, Sale.DefaultDailyCap, SalesPolicy.DefaultAnswerDays);
        }
    }

    [Fact]
    public async Task Resolving_a_dispute_for_the_second_seller_takes_the_first_sellers_points_back_and_pays_the_second_once()
    {
        var (first, second) = (await db.SellerAsync(), await db.SellerAsync());
        var tags = await db.ActiveTagsAsync(first, 1);
        await db.RecordAsync(first, tags[0].Serial);
        var dispute = await db.RecordAsync(second, tags[0].Serial);
        dispute.State.Should().Be(SaleState.Disputed);
        await RegisterAsync(tags[0]);
        (await db.BalanceAsync(first.Id)).Should().Be(SalePoints);

        var verdicts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Task.Run(() => db.SendAsync<Result>(new ResolveSaleDisputeCommand(dispute.SaleId!.Value, DisputerWins: true)))));

        verdicts.Count(v => v.Succeeded).Should().Be(1);
        (await db.BalanceAsync(first.Id), await db.BalanceAsync(second.Id)).Should().Be((0, SalePoints));
        (await db.SalesAsync(first.Id)).Single().State.Should().Be(SaleState.Rejected);
        (await db.SalesAsync(second.Id)).Single().State.Should().Be(SaleState.Confirmed);
        (await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery())).Should().NotContain(f => f.Id == dispute.SaleId);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Resolving_a_dispute_for_the_first_seller_rejects_the_second_claim()
    {
        var (first, second) = (await db.SellerAsync(), await db.SellerAsync());
        var tags = await db.ActiveTagsAsync(first, 1);
        await db.RecordAsync(first, tags[0].Serial);
        var dispute = await db.RecordAsync(second, tags[0].Serial);

        (await db.SendAsync<Result>(new ResolveSaleDisputeCommand(dispute.SaleId!.Value, DisputerWins: false))).Succeeded.Should().BeTrue();
        await RegisterAsync(tags[0]);

        (await db.BalanceAsync(first.Id), await db.BalanceAsync(second.Id)).Should().Be((SalePoints, 0));
        (await db.SalesAsync(second.Id)).Single().State.Should().Be(SaleState.Rejected);
    }

    [Fact]
    public async Task A_claim_rejected_on_review_no_longer_holds_the_item_so_the_honest_seller_records_and_is_paid()
    {
        var honest = await db.SellerAsync();
        var grey = await db.SellerAsync(notOf: honest.PartnerName);
        var tags = await db.ActiveTagsAsync(honest, 1);
        var squat = await db.RecordAsync(grey, tags[0].Serial);
        squat.State.Should().Be(SaleState.Flagged);
        (await db.SendAsync<Result>(new ReviewSaleCommand(squat.SaleId!.Value, Approve: false))).Succeeded.Should().BeTrue();

        var sale = await db.RecordAsync(honest, tags[0].Serial);
        await RegisterAsync(tags[0]);

        (await db.SalesAsync(grey.Id)).Single().State.Should().Be(SaleState.Rejected);
        sale.State.Should().Be(SaleState.AwaitingBuyer, "a rejected claim is over and frees the item");
        (await db.BalanceAsync(honest.Id), await db.BalanceAsync(grey.Id)).Should().Be((SalePoints, 0));
    }

    [Fact]
    public async Task An_expired_claim_no_longer_holds_the_item_the_buyer_may_name_the_seller_and_a_later_dispute_is_settled()
    {
        var (squatter, honest, third) = (await db.SellerAsync(), await db.SellerAsync(name: "Ирина Орлова"), await db.SellerAsync());
        var tags = await db.ActiveTagsAsync(honest, 1);
        var buyer = await RegisterAsync(tags[0]);
        var squat = await db.RecordAsync(squatter, tags[0].Serial);
        await db.WithScopeAsync<ClubDbContext, int>(c =>
            c.Database.ExecuteSqlAsync($"UPDATE sales SET recorded_at = now() - interval '15 days' WHERE id = {squat.SaleId}"));
        (await db.SendAsync<int>(new ExpireUnconfirmedSalesCommand())).Should().BeGreaterThanOrEqualTo(1);

        var item = await ItemSaleAsync(buyer, tags[0].Serial);
        item.Should().BeEquivalentTo(new { CanNameSeller = true, Seller = (SellerChoice?)null });
        var sale = await db.RecordAsync(honest, tags[0].Serial);
        sale.State.Should().Be(SaleState.AwaitingConfirmation, "the expired claim is over and frees the item");
        var dispute = await db.RecordAsync(third, tags[0].Serial);
        dispute.State.Should().Be(SaleState.Disputed);
        (await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery()))
            .Where(f => f.Id == dispute.SaleId).Should().ContainSingle(f => f.Rival!.SellerName == "Ирина Орлова");
        (await db.SendAsync<Result>(new ResolveSaleDisputeCommand(dispute.SaleId!.Value, DisputerWins: false))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, sale.SaleId!.Value, SoldByThisSeller: true))).Succeeded.Should().BeTrue();

        (await db.BalanceAsync(honest.Id), await db.BalanceAsync(squatter.Id), await db.BalanceAsync(third.Id)).Should().Be((SalePoints, 0, 0));
    }

    [Fact]
    public async Task A_returned_items_sale_is_returned_and_the_item_can_be_sold_again_by_the_same_seller_and_paid_again()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var first = await db.RecordAsync(seller, tags[0].Serial);
        await RegisterAsync(tags[0]);
        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints);
        var staff = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        var returned = await db.SendAsync<ReturnItemResult>(
            new ReturnItemCommand(tags[0].Serial, "Returned to the shop", staff, RepositoryRoot.Combine("samples", "labels")));

        returned.Error.Should().BeNull();
        (await db.SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Returned);
        (await db.BalanceAsync(seller.Id)).Should().Be(0);

        var again = await db.RecordAsync(seller, tags[0].Serial);
        again.State.Should().Be(SaleState.AwaitingBuyer, "the returned sale no longer holds the item");
        var label = (await db.Services.GetRequiredService<ITagPrintFiles>().ReadAsync(returned.BatchId, returned.LabelFile!))!;
        await RegisterAsync(tags[0] with { ScratchCode = await QrDecoder.PrintedScratchCodeAsync(label) });

        (await db.SalesAsync(seller.Id)).Select(s => (s.Id, s.State)).Should().BeEquivalentTo(
            [(first.SaleId!.Value, SaleState.Returned), (again.SaleId!.Value, SaleState.Confirmed)]);
        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints, "the second sale is paid once with its own key");
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task After_a_reassign_only_the_buyer_who_was_asked_answers_the_question_not_the_new_owner()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 2);
        await db.RecordAsync(seller, tags[0].Serial);
        var buyer = await RegisterAsync(tags[0]);
        await RegisterAsync(tags[1], buyer);
        var claim = await db.RecordAsync(seller, tags[1].Serial);
        var staff = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var (newOwner, newOwnerEmail) = await TestTags.CreateBuyerAsync(db.Services);
        foreach (var tag in tags)
        {
            (await db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, newOwnerEmail, "Gift", false, staff))).Succeeded.Should().BeTrue();
        }

        (await db.SendAsync<IReadOnlyList<SaleQuestion>>(new ListSaleQuestionsQuery(newOwner))).Should().BeEmpty();
        (await ItemSaleAsync(newOwner, tags[0].Serial)).Question.Should().BeNull();
        var asked = await db.SendAsync<IReadOnlyList<SaleQuestion>>(new ListSaleQuestionsQuery(buyer));
        asked.Should().HaveCount(2).And.OnlyContain(q => !q.Owned);
        foreach (var question in asked)
        {
            await db.Invoking(d => d.SendAsync<Result>(new AnswerSaleClaimCommand(newOwner, question.SaleId, SoldByThisSeller: false)))
                .Should().ThrowAsync<NotFoundException>();
        }

        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints, "the new owner could not take the paid sale back");
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, claim.SaleId!.Value, SoldByThisSeller: true))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(seller.Id)).Should().Be(2 * SalePoints);
    }

    [Fact]
    public async Task The_sales_rules_are_changed_by_the_program_manager_within_limits()
    {
        var refused = await db.SendAsync<Result>(new SaveSalesPolicyCommand("manager@club.demo", 0, 5000, 0));
        refused.Succeeded.Should().BeFalse();
        (await db.SendAsync<SalesPolicy>(new GetSalesPolicyQuery())).WindowDays.Should().Be(Sale.DefaultWindowDays);

        await SetPolicyAsync(45, 20, 7);
        try
        {
            (await db.SendAsync<SalesPolicy>(new GetSalesPolicyQuery())).Should().BeEquivalentTo(
                new { WindowDays = 45, DailyCap = 20, AnswerDays = 7, UpdatedBy = "manager@club.demo" });
        }
        finally
        {
            await SetPolicyAsync(Sale.DefaultWindowDays, Sale.DefaultDailyCap, SalesPolicy.DefaultAnswerDays);
        }
    }

    private async Task SetPolicyAsync(int windowDays, int dailyCap, int answerDays) =>
        (await db.SendAsync<Result>(new SaveSalesPolicyCommand("manager@club.demo", windowDays, dailyCap, answerDays))).Succeeded.Should().BeTrue();

    private Task<Guid> RegisterAsync(PrintedTag tag, Guid? buyer = null) => db.RegisterAsync(tag, buyer);

    private Task<ItemSale> ItemSaleAsync(Guid buyer, string serial) => db.ItemSaleAsync(buyer, serial);
}
