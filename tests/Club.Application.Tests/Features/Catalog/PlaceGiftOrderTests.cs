using Club.Application.Features.Catalog;
using Club.Domain.Catalog;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Catalog;

[LongRunning]
public class PlaceGiftOrderTests(CatalogFixture db, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<CatalogFixture>
{
    [Fact]
    public async Task A_hundred_members_ordering_ten_items_at_once_get_exactly_ten_orders_and_the_books_balance()
    {
        var gift = await db.CreateGiftAsync(points: 300, stock: 10);
        var members = new List<Guid>();
        for (var i = 0; i < 100; i++)
        {
            members.Add(await db.BuyerWithPointsAsync(1000));
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(members.Select(m => Task.Run(() => db.OrderAsync(m, gift))));
        started.Stop();
        output.WriteLine($"100 concurrent orders for 10 items: {started.ElapsedMilliseconds} ms");

        results.Count(r => r.Placed).Should().Be(10, $"100 concurrent orders took {started.ElapsedMilliseconds} ms");
        results.Where(r => !r.Placed).Select(r => r.Error?.Text).Distinct().Should().Equal("Sorry, this gift has just run out.");
        (await db.StockAsync(gift)).Should().Be(0);
        (await db.LiveOrdersAsync(gift)).Should().Be(10);
        var winners = results.Where(r => r.Placed).Select(r => r.OrderId!.Value).ToList();
        (await db.QueryAsync(c => c.PointsEntries.CountAsync(e => e.Reason == PointsReason.GiftOrdered && members.Contains(e.MemberId)))).Should().Be(10);
        (await db.QueryAsync(c => c.PointsBalances.Where(b => members.Contains(b.MemberId)).SumAsync(b => b.Balance))).Should().Be(100 * 1000 - 10 * 300);
        (await db.QueryAsync(c => c.GiftOrderEvents.CountAsync(e => winners.Contains(e.OrderId)))).Should().Be(10);
        (await db.UnbalancedBooksAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_form_sent_twenty_times_at_once_places_one_order_and_takes_the_points_once()
    {
        var gift = await db.CreateGiftAsync(points: 200, stock: 50);
        var member = await db.BuyerWithPointsAsync(1000);
        var key = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => db.OrderAsync(member, gift, key))));

        results.Should().OnlyContain(r => r.Placed);
        results.Select(r => r.OrderId).Distinct().Should().HaveCount(1);
        results.Count(r => !r.Repeated).Should().Be(1);
        (await db.BalanceAsync(member)).Should().Be(800);
        (await db.StockAsync(gift)).Should().Be(49);
        db.Outbox.Sent.Count(m => m.Key == $"order:{results[0].OrderId}:Placed").Should().Be(1);
    }

    [Fact]
    public async Task Many_orders_of_one_member_at_once_stop_at_the_balance_never_below_zero()
    {
        var gift = await db.CreateGiftAsync(points: 300, stock: 50);
        var member = await db.BuyerWithPointsAsync(1000);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => db.OrderAsync(member, gift))));

        results.Count(r => r.Placed).Should().Be(3);
        results.Where(r => !r.Placed).Select(r => r.Error?.Text).Distinct().Should().Equal("Not enough points for this gift.");
        (await db.BalanceAsync(member)).Should().Be(100);
        (await db.StockAsync(gift)).Should().Be(47);
        (await db.UnbalancedBooksAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_member_without_enough_points_is_refused_and_nothing_changes()
    {
        var gift = await db.CreateGiftAsync(points: 500, stock: 3);
        var member = await db.BuyerWithPointsAsync(499);

        var result = await db.OrderAsync(member, gift);

        result.Error?.Text.Should().Be("Not enough points for this gift.");
        (await db.BalanceAsync(member)).Should().Be(499);
        (await db.StockAsync(gift)).Should().Be(3);
        (await db.QueryAsync(c => c.GiftOrders.AnyAsync(o => o.MemberId == member))).Should().BeFalse();
    }

    [Theory]
    [InlineData(GiftState.Archived)]
    [InlineData(GiftState.Draft)]
    public async Task Archived_and_draft_gifts_are_neither_shown_nor_orderable(GiftState state)
    {
        var gift = await db.CreateGiftAsync(points: 100, stock: 3, state: state);
        var member = await db.BuyerWithPointsAsync(1000);

        var result = await db.OrderAsync(member, gift);
        var list = await db.SendAsync<GiftList>(new ListGiftsQuery(new GiftViewer(member, true, false)));
        var open = () => db.SendAsync<GiftDetails>(new GetGiftQuery(new GiftViewer(member, true, false), gift));

        result.Error?.Text.Should().Be("This gift is not available any more.");
        list.Gifts.Should().NotContain(g => g.Id == gift);
        await open.Should().ThrowAsync<Club.Application.Abstractions.NotFoundException>();
        (await db.BalanceAsync(member)).Should().Be(1000);
    }

    [Fact]
    public async Task A_gift_archived_after_the_page_was_opened_is_not_sold()
    {
        var gift = await db.CreateGiftAsync(points: 100, stock: 3);
        var member = await db.BuyerWithPointsAsync(1000);
        await db.QueryAsync(c => c.Database.ExecuteSqlAsync($"UPDATE gifts SET state = 'Archived' WHERE id = {gift}"));

        (await db.OrderAsync(member, gift)).Placed.Should().BeFalse();
        (await db.StockAsync(gift)).Should().Be(3);
    }

    [Fact]
    public async Task A_partner_gift_is_for_that_partners_sellers_only()
    {
        var gift = await db.CreateGiftAsync(points: 100, stock: 5, audience: GiftAudience.Everyone, partner: "Лазурит");
        var own = await db.ActiveSellerAsync("Лазурит", 1000);
        var other = await db.ActiveSellerAsync("Самоцветы", 1000);
        var buyer = await db.BuyerWithPointsAsync(1000);

        (await db.OrderAsync(other, gift, seller: true)).Error?.Text.Should().Be("This gift is not available any more.");
        (await db.OrderAsync(buyer, gift)).Error?.Text.Should().Be("This gift is not available any more.");
        (await db.OrderAsync(own, gift, seller: true)).Placed.Should().BeTrue();
        (await db.SendAsync<GiftList>(new ListGiftsQuery(new GiftViewer(other, false, true)))).Gifts.Should().NotContain(g => g.Id == gift);
        (await db.SendAsync<GiftList>(new ListGiftsQuery(new GiftViewer(own, false, true)))).Gifts.Should().Contain(g => g.Id == gift);
        // A restricted gift is collected at its own partner's salons only.
        var details = await db.SendAsync<GiftDetails>(new GetGiftQuery(new GiftViewer(own, false, true), gift));
        details.PickupShops.Should().NotBeEmpty().And.OnlyContain(s => s.PartnerName == "Лазурит");
    }

    [Fact]
    public async Task Sellers_gifts_are_hidden_from_buyers_and_buyers_gifts_from_sellers()
    {
        var forSellers = await db.CreateGiftAsync(points: 100, stock: 5, audience: GiftAudience.Sellers);
        var forBuyers = await db.CreateGiftAsync(points: 100, stock: 5, audience: GiftAudience.Buyers);
        var buyer = await db.BuyerWithPointsAsync(1000);
        var seller = await db.ActiveSellerAsync("Самоцветы", 1000);

        (await db.OrderAsync(buyer, forSellers)).Placed.Should().BeFalse();
        (await db.OrderAsync(seller, forBuyers, seller: true)).Placed.Should().BeFalse();
        (await db.OrderAsync(buyer, forBuyers)).Placed.Should().BeTrue();
        (await db.OrderAsync(seller, forSellers, seller: true)).Placed.Should().BeTrue();
    }

    [Fact]
    public async Task Bad_delivery_details_are_refused_with_a_message()
    {
        var gift = await db.CreateGiftAsync(points: 100, stock: 5);
        var member = await db.BuyerWithPointsAsync(1000);
        var viewer = new GiftViewer(member, true, false);
        var online = await db.QueryAsync(c => c.Shops.Where(s => s.Kind == Club.Domain.Partners.ShopKind.Online).Select(s => s.Id).FirstAsync());

        (await db.SendAsync<PlaceGiftOrderResult>(new PlaceGiftOrderCommand(viewer, gift, Guid.NewGuid(), GiftDelivery.Post, "  ", null)))
            .Error?.Text.Should().Be("Enter the postal address (up to 300 characters).");
        (await db.SendAsync<PlaceGiftOrderResult>(new PlaceGiftOrderCommand(viewer, gift, Guid.NewGuid(), GiftDelivery.Pickup, null, online)))
            .Error?.Text.Should().Be("Choose the shop where you will collect the gift.");
        (await db.SendAsync<PlaceGiftOrderResult>(new PlaceGiftOrderCommand(viewer, gift, Guid.Empty, GiftDelivery.Post, "Москва", null)))
            .Placed.Should().BeFalse();
        (await db.BalanceAsync(member)).Should().Be(1000);
    }
}
