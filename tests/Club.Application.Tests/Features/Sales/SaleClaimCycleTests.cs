using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Application.Features.Sales;
using Club.Application.Features.Sellers;
using Club.Application.Tests.Features.Points;
using Club.Domain.Members;
using Club.Domain.Sales;
using Club.Infrastructure.Persistence;
using Club.Infrastructure.Persistence.Migrations;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Sales;

/// <summary>
/// Claims over time: a seller's own claim expired or declined, a return starting a new time on sale, a
/// disputed seller named by the buyer, a seller who is not active, and parallel verdicts on one item.
/// </summary>
[LongRunning]
public class SaleClaimCycleTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const int SalePoints = 50;

    [Fact]
    public async Task A_seller_whose_own_claim_expired_records_the_sale_again()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var buyer = await RegisterAsync(tags[0]);
        var first = await db.RecordAsync(seller, tags[0].Serial);
        await AgeAsync(first.SaleId!.Value, days: 15);
        await db.SendAsync<int>(new ExpireUnconfirmedSalesCommand());

        var again = await db.RecordAsync(seller, tags[0].Serial);

        again.State.Should().Be(SaleState.AwaitingConfirmation, "an expired claim is over, also for the seller who made it");
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, again.SaleId!.Value, true))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints);
    }

    [Fact]
    public async Task A_claim_past_its_time_frees_the_item_before_the_hourly_job_runs()
    {
        var (stale, honest) = (await db.SellerAsync(), await db.SellerAsync());
        var tags = await db.ActiveTagsAsync(honest, 1);
        var buyer = await RegisterAsync(tags[0]);
        var old = await db.RecordAsync(stale, tags[0].Serial);
        await AgeAsync(old.SaleId!.Value, days: 15);

        (await ItemSaleAsync(buyer, tags[0].Serial)).CanNameSeller.Should().BeTrue("a claim past the answer days does not hold the item");
        var sale = await db.RecordAsync(honest, tags[0].Serial);

        sale.State.Should().Be(SaleState.AwaitingConfirmation, "not a dispute against a claim that is over");
        (await StatesAsync(tags[0])).Should().Contain((stale.Id, SaleState.Expired));
    }

    [Fact]
    public async Task After_a_return_a_seller_whose_claim_was_declined_before_can_sell_the_item_again()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var buyer = await RegisterAsync(tags[0]);
        var claim = await db.RecordAsync(seller, tags[0].Serial);
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, claim.SaleId!.Value, false))).Succeeded.Should().BeTrue();
        (await db.RecordAsync(seller, tags[0].Serial)).Recorded.Should().BeFalse("declined is final within one time on sale");
        var staff = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<ReturnItemResult>(new ReturnItemCommand(tags[0].Serial, "Returned", staff, RepositoryRoot.Combine("samples", "labels"))))
            .Error.Should().BeNull();

        var again = await db.RecordAsync(seller, tags[0].Serial);

        again.State.Should().Be(SaleState.AwaitingBuyer, "the return started a new time on sale");
        (await StatesAsync(tags[0])).Should().BeEquivalentTo([(seller.Id, SaleState.Declined), (seller.Id, SaleState.AwaitingBuyer)]);
    }

    [Fact]
    public async Task The_buyer_naming_a_seller_whose_claim_is_disputed_promotes_that_claim_and_declined_sellers_are_not_listed()
    {
        var (disputer, declined) = (await db.SellerAsync(), await db.SellerAsync());
        var grey = await db.SellerAsync(notOf: disputer.PartnerName);
        var tags = await db.ActiveTagsAsync(disputer, 2);
        (await db.RecordAsync(grey, tags[0].Serial)).State.Should().Be(SaleState.Flagged);
        var dispute = await db.RecordAsync(disputer, tags[0].Serial);
        dispute.State.Should().Be(SaleState.Disputed);
        var holding = (await db.SalesAsync(grey.Id)).Single();
        (await db.SendAsync<Result>(new ReviewSaleCommand(holding.Id, Approve: false))).Succeeded.Should().BeTrue();
        var buyer = await RegisterAsync(tags[0]);

        (await ItemSaleAsync(buyer, tags[0].Serial)).Sellers.Should().Contain(s => s.SellerId == disputer.Id);
        (await db.SendAsync<Result>(new NameSellerCommand(buyer, tags[0].Serial, SellerId: disputer.Id))).Succeeded.Should().BeTrue();

        (await StatesAsync(tags[0])).Where(s => s.Seller == disputer.Id).Should().Equal((disputer.Id, SaleState.Confirmed));
        (await db.BalanceAsync(disputer.Id)).Should().Be(SalePoints);

        await RegisterAsync(tags[1], buyer);
        var claim = await db.RecordAsync(declined, tags[1].Serial);
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, claim.SaleId!.Value, false))).Succeeded.Should().BeTrue();
        (await ItemSaleAsync(buyer, tags[1].Serial)).Sellers.Should().NotContain(s => s.SellerId == declined.Id);
    }

    [Fact]
    public async Task A_seller_named_after_a_declined_claim_waits_for_review_and_is_paid_when_approved()
    {
        var (squatter, honest) = (await db.SellerAsync(), await db.SellerAsync());
        var tags = await db.ActiveTagsAsync(honest, 1);
        var buyer = await RegisterAsync(tags[0]);
        var squat = await db.RecordAsync(squatter, tags[0].Serial);
        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, squat.SaleId!.Value, false))).Succeeded.Should().BeTrue();

        (await db.SendAsync<Result>(new NameSellerCommand(buyer, tags[0].Serial, SellerId: honest.Id))).Succeeded.Should().BeTrue();

        var named = (await db.SalesAsync(honest.Id)).Single();
        named.Should().BeEquivalentTo(new { State = SaleState.Flagged, Flag = SaleFlag.AfterFailedClaim });
        (await db.BalanceAsync(honest.Id)).Should().Be(0);
        (await db.SendAsync<IReadOnlyList<FlaggedSale>>(new ListFlaggedSalesQuery())).Should().Contain(f => f.Id == named.Id);
        (await db.SendAsync<Result>(new ReviewSaleCommand(named.Id, Approve: true))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(honest.Id)).Should().Be(SalePoints);
    }

    [Fact]
    public async Task A_suspended_sellers_claim_confirmed_by_the_registration_is_held_and_paid_only_after_reactivation_and_review()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var sale = await db.RecordAsync(seller, tags[0].Serial);
        await DecideAsync(seller.Id, SellerStatus.Suspended);

        await RegisterAsync(tags[0]);

        (await db.SalesAsync(seller.Id)).Single().Should().BeEquivalentTo(new { State = SaleState.Flagged, Flag = SaleFlag.SellerNotActive });
        (await db.BalanceAsync(seller.Id)).Should().Be(0);
        (await db.SendAsync<Result>(new ReviewSaleCommand(sale.SaleId!.Value, Approve: true))).Succeeded.Should().BeFalse();
        await DecideAsync(seller.Id, SellerStatus.Active);
        (await db.SendAsync<Result>(new ReviewSaleCommand(sale.SaleId!.Value, Approve: true))).Succeeded.Should().BeTrue();
        (await db.BalanceAsync(seller.Id)).Should().Be(SalePoints);
        (await db.SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Confirmed);
    }

    [Fact]
    public async Task A_suspended_sellers_claim_is_held_when_the_buyer_says_yes_and_when_a_dispute_is_settled_for_them()
    {
        var (seller, first, disputer) = (await db.SellerAsync(), await db.SellerAsync(), await db.SellerAsync());
        var tags = await db.ActiveTagsAsync(seller, 2);
        var buyer = await RegisterAsync(tags[0]);
        var claim = await db.RecordAsync(seller, tags[0].Serial);
        await db.RecordAsync(first, tags[1].Serial);
        var dispute = await db.RecordAsync(disputer, tags[1].Serial);
        await RegisterAsync(tags[1], buyer);
        await DecideAsync(seller.Id, SellerStatus.Suspended);
        await DecideAsync(disputer.Id, SellerStatus.Suspended);

        (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, claim.SaleId!.Value, true))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new ResolveSaleDisputeCommand(dispute.SaleId!.Value, DisputerWins: true))).Succeeded.Should().BeTrue();

        (await db.SalesAsync(seller.Id)).Single().Should().BeEquivalentTo(new { State = SaleState.Flagged, Flag = SaleFlag.SellerNotActive });
        (await db.SalesAsync(disputer.Id)).Single().Should().BeEquivalentTo(new { State = SaleState.Flagged, Flag = SaleFlag.SellerNotActive });
        (await db.BalanceAsync(seller.Id), await db.BalanceAsync(disputer.Id), await db.BalanceAsync(first.Id)).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task Parallel_records_names_and_a_dispute_verdict_on_freed_items_never_fail_and_pay_at_most_one_seller()
    {
        var (holder, disputer) = (await db.SellerAsync(), await db.SellerAsync());
        var others = new List<(Guid Id, string PartnerName)>();
        for (var i = 0; i < 6; i++)
        {
            others.Add(await db.SellerAsync());
        }

        var tags = await db.ActiveTagsAsync(holder, 4);
        foreach (var tag in tags)
        {
            var buyer = await RegisterAsync(tag);
            var held = await db.RecordAsync(holder, tag.Serial);
            var dispute = await db.RecordAsync(disputer, tag.Serial);
            (await db.SendAsync<Result>(new AnswerSaleClaimCommand(buyer, held.SaleId!.Value, false))).Succeeded.Should().BeTrue();

            // The item is free again: the verdict, new claims and the buyer naming sellers all race for it.
            var posts = new List<Task>
            {
                Task.Run(() => db.SendAsync<Result>(new ResolveSaleDisputeCommand(dispute.SaleId!.Value, DisputerWins: true))),
            };
            posts.AddRange(others.Select(o => Task.Run(() => db.RecordAsync(o, tag.Serial))));
            posts.AddRange(others.Take(3).Select(o => Task.Run(() => db.SendAsync<Result>(new NameSellerCommand(buyer, tag.Serial, SellerId: o.Id)))));
            await Task.WhenAll(posts);

            var states = await StatesAsync(tag);
            states.Count(s => Sale.HoldingStates.Contains(s.State)).Should().BeLessThanOrEqualTo(1);
            states.Count(s => s.State == SaleState.Confirmed).Should().BeLessThanOrEqualTo(1);
        }

        var paid = 0;
        foreach (var seller in others.Append(holder).Append(disputer))
        {
            paid += await db.BalanceAsync(seller.Id);
        }

        paid.Should().BeLessThanOrEqualTo(tags.Count * SalePoints);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_seller_card_lists_only_the_buyers_items_no_live_claim_holds()
    {
        var (seller, other) = (await db.SellerAsync(name: "Мария Котова"), await db.SellerAsync());
        var tags = await db.ActiveTagsAsync(seller, 3);
        var buyer = await RegisterAsync(tags[0]);
        await RegisterAsync(tags[1], buyer);
        await RegisterAsync(tags[2], buyer);
        await db.RecordAsync(other, tags[0].Serial);
        var stale = await db.RecordAsync(other, tags[1].Serial);
        await AgeAsync(stale.SaleId!.Value, days: 15);
        var card = await db.SendAsync<MySellerCard>(new GetMySellerCardCommand(seller.Id));

        var page = await db.SendAsync<SellerByCard?>(new GetSellerByCardQuery(card.Code, buyer));

        page!.Name.Should().Be("Мария");
        page.Items.Select(i => i.Serial).Should().BeEquivalentTo([tags[1].Serial, tags[2].Serial], "a waiting claim holds its item, one past its time does not");
    }

    [Fact]
    public async Task The_migration_marks_claims_left_live_by_an_earlier_return_returned_and_counts_their_cycle()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        var before = await db.RecordAsync(seller, tags[0].Serial);
        await RegisterAsync(tags[0]);
        var staff = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<ReturnItemResult>(new ReturnItemCommand(tags[0].Serial, "Returned", staff, RepositoryRoot.Combine("samples", "labels"))))
            .Error.Should().BeNull();
        var after = await db.RecordAsync(seller, tags[0].Serial);
        // As a return made before the Returned state left its sale: still confirmed, and no cycles yet
        // (the later claim made over, so the two do not both hold the item).
        await db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlAsync(
            $"UPDATE sales SET state = 'Expired', cycle = 0 WHERE id = {after.SaleId}"));
        await db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlAsync(
            $"UPDATE sales SET state = 'Confirmed', cycle = 0 WHERE id = {before.SaleId}"));

        await db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlRawAsync(SaleCyclesAndBuyerErasure.Backfill));

        var rows = await db.WithScopeAsync<ClubDbContext, List<Sale>>(c =>
            c.Sales.AsNoTracking().Where(s => s.Id == before.SaleId || s.Id == after.SaleId).OrderBy(s => s.Id).ToListAsync());
        rows.Select(s => (s.State, s.Cycle)).Should().Equal((SaleState.Returned, 0), (SaleState.Expired, 1));
    }

    [Fact]
    public async Task Erasing_a_buyer_is_not_blocked_by_the_claims_they_were_asked_about()
    {
        var rule = await db.WithScopeAsync<ClubDbContext, string>(c => c.Database.SqlQuery<string>(
            $"SELECT confdeltype::text AS \"Value\" FROM pg_constraint WHERE conname = 'fk_sales_members_buyer_id'").SingleAsync());

        rule.Should().Be("n", "ON DELETE SET NULL");
    }

    private async Task DecideAsync(Guid seller, SellerStatus to)
    {
        var manager = await db.IdOfAsync("manager@club.demo");
        (await db.SendAsync<Result>(new DecideSellerCommand(seller, to, "test", manager))).Succeeded.Should().BeTrue();
    }

    private Task AgeAsync(long saleId, int days) =>
        db.WithScopeAsync<ClubDbContext, int>(c =>
            c.Database.ExecuteSqlAsync($"UPDATE sales SET recorded_at = now() - make_interval(days => {days}) WHERE id = {saleId}"));

    private async Task<List<(Guid Seller, SaleState State)>> StatesAsync(PrintedTag tag)
    {
        db.Services.GetRequiredService<ITagCodes>().TryDecodeSerial(tag.Serial, out var tagId);
        var rows = await db.WithScopeAsync<ClubDbContext, List<Sale>>(c =>
            c.Sales.AsNoTracking().Where(s => s.TagId == tagId).OrderBy(s => s.Id).ToListAsync());
        return rows.Select(s => (s.SellerId, s.State)).ToList();
    }

    private Task<Guid> RegisterAsync(PrintedTag tag, Guid? buyer = null) => db.RegisterAsync(tag, buyer);

    private Task<ItemSale> ItemSaleAsync(Guid buyer, string serial) => db.ItemSaleAsync(buyer, serial);
}
