using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Registration;
using Club.Application.Features.Sales;
using Club.Application.Features.Sellers;
using Club.Application.Features.Tags;
using Club.Domain.Points;
using Club.Domain.Tags;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Registration.ItemDeskSupport;

namespace Club.Application.Tests.Features.Registration;

public class ReturnItemTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly string Templates = RepositoryRoot.Combine("samples", "labels");

    [Fact]
    public async Task A_return_with_spent_points_takes_back_what_the_balance_holds_records_the_rest_as_debt_and_later_credits_settle_it()
    {
        var (buyer, tag, points) = await BuyerWithItemAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        await SpendAsync(db, buyer, points - 100);

        var returned = await ReturnAsync(tag.Serial, staff);

        returned.Error.Should().BeNull();
        returned.PointsTakenBack.Should().Be(points);
        returned.Debt.Should().Be(points - 100);
        (await BalanceAsync(db, buyer)).Should().Be(0, "a balance never goes below zero");
        (await DebtAsync(buyer)).Should().Be(points - 100);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();

        // The next credit settles the debt first.
        await db.SendAsync<AdjustPointsResult>(new AdjustPointsCommand(Guid.NewGuid(), buyer, points, AdjustmentReason.Goodwill, "Goodwill", false, staff, false));
        (await BalanceAsync(db, buyer)).Should().Be(100);
        (await DebtAsync(buyer)).Should().Be(0);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_returned_item_is_on_sale_again_its_old_code_stops_working_and_the_new_label_registers_it_with_points()
    {
        var (buyer, tag, points) = await BuyerWithItemAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        var next = (await BuyerAsync(db)).Id;

        var returned = await ReturnAsync(tag.Serial, staff);

        (await BalanceAsync(db, buyer)).Should().Be(0);
        var label = (await db.Services.GetRequiredService<ITagPrintFiles>().ReadAsync(returned.BatchId, returned.LabelFile!))!;
        returned.LabelFile.Should().StartWith($"replacement-{tag.Serial}-").And.EndWith(".pdf");
        label.Take(4).Should().Equal("%PDF"u8.ToArray());
        var newCode = await QrDecoder.PrintedScratchCodeAsync(label);
        (await RegisterAsync(next, tag.Serial, tag.ScratchCode)).Outcome.Should().Be(RegistrationOutcome.WrongCode, "the old code is exposed");
        var registered = await RegisterAsync(next, tag.Serial, newCode);
        registered.Outcome.Should().Be(RegistrationOutcome.Registered);
        (await BalanceAsync(db, next)).Should().Be(registered.Points + registered.Bonus).And.BeGreaterThan(0, "the new buyer's credits have keys of their own");
        await using var context = await CreateAsync(db);
        var history = await context.ItemOwnerChanges.Where(c => c.TagId == TagId(db, tag.Serial)).SingleAsync();
        history.Should().BeEquivalentTo(new { FromMemberId = buyer, ToMemberId = (Guid?)null, Kind = OwnerChangeKind.Returned, ChangedBy = staff });
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
        points.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_return_takes_back_the_sellers_sale_points_and_points_moved_to_a_new_owner()
    {
        var seller = await SellerAsync();
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1, onSale: false);
        foreach (var (state, partner) in new[] { (TagBatchState.Printed, null), (TagBatchState.Shipped, seller.PartnerName), (TagBatchState.Active, (string?)null) })
        {
            (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, state, partner))).Succeeded.Should().BeTrue();
        }

        (await db.SendAsync<RecordSaleResult>(new RecordSaleCommand(seller.Id, tags[0].Serial))).Recorded.Should().BeTrue();
        var (buyer, _) = await BuyerAsync(db);
        var (wife, wifeEmail) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        (await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode)).Outcome.Should().Be(RegistrationOutcome.Registered);
        var salePoints = await BalanceAsync(db, seller.Id);
        salePoints.Should().BeGreaterThan(0);
        (await db.SendAsync<Result>(new ReassignItemCommand(tags[0].Serial, wifeEmail, "Gift", true, staff))).Succeeded.Should().BeTrue();

        var returned = await ReturnAsync(tags[0].Serial, staff);

        returned.Error.Should().BeNull();
        (await BalanceAsync(db, seller.Id)).Should().Be(0);
        (await BalanceAsync(db, buyer)).Should().Be(0);
        (await BalanceAsync(db, wife)).Should().Be(0);
        (await DebtAsync(buyer)).Should().Be(0, "the points had moved on with the item");
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Returning_twice_or_without_a_template_changes_nothing()
    {
        var (buyer, tag, points) = await BuyerWithItemAsync(db);
        var staff = (await BuyerAsync(db)).Id;

        var noTemplate = await db.SendAsync<ReturnItemResult>(new ReturnItemCommand(tag.Serial, "Returned", staff, "/nonexistent"));
        noTemplate.Error!.Key.Should().StartWith("The batch's label template");
        (await BalanceAsync(db, buyer)).Should().Be(points);

        (await ReturnAsync(tag.Serial, staff)).Error.Should().BeNull();
        var again = await ReturnAsync(tag.Serial, staff);
        again.Error!.Text.Should().Be("Nobody owns this item: it is not registered.");
        (await db.SendAsync<ReturnItemResult>(new ReturnItemCommand("NOT-A-SERIAL", "x", staff, Templates))).Error!.Text.Should().Be("No item has this serial.");
        (await db.SendAsync<ReturnItemResult>(new ReturnItemCommand(tag.Serial, " ", staff, Templates))).Error!.Text.Should().Be("Say why the item changes owner.");
    }

    private Task<ReturnItemResult> ReturnAsync(string serial, Guid staff) =>
        db.SendAsync<ReturnItemResult>(new ReturnItemCommand(serial, "Returned to the shop", staff, Templates));

    private Task<RegisterItemResult> RegisterAsync(Guid buyer, string serial, string code) =>
        db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, serial, code));

    private async Task<int> DebtAsync(Guid member)
    {
        await using var context = await CreateAsync(db);
        return await context.PointsBalances.Where(b => b.MemberId == member).Select(b => b.Debt).SingleAsync();
    }

    private async Task<(Guid Id, string PartnerName)> SellerAsync()
    {
        var shop = (await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery())).First();
        var (id, _) = await TestTags.CreateSellerAsync(db.Services, shop.PartnerId, shop.ShopId);
        return (id, shop.PartnerName);
    }
}
