using Club.Application.Features.Catalog;
using Club.Domain.Catalog;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Catalog;

public class GiftOrderStatusTests(CatalogFixture db) : IClassFixture<CatalogFixture>
{
    [Fact]
    public async Task Spending_takes_the_oldest_lots_first()
    {
        var member = await db.BuyerWithPointsAsync(0);
        var now = DateTimeOffset.UtcNow;
        await db.GiveAsync(member, 100, now.AddMonths(-3));
        await db.GiveAsync(member, 200, now.AddMonths(-2));
        await db.GiveAsync(member, 300, now.AddMonths(-1));
        var gift = await db.CreateGiftAsync(points: 250, stock: 5);

        (await db.OrderAsync(member, gift)).Placed.Should().BeTrue();

        var lots = await db.QueryAsync(c => c.PointsLots.Where(l => l.MemberId == member).OrderBy(l => l.ExpiresAt).Select(l => l.Remaining).ToListAsync());
        lots.Should().Equal(0, 50, 300);
        (await db.UnbalancedBooksAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancelling_returns_points_and_stock_through_a_new_ledger_credit_keeping_the_spent_points_expiry()
    {
        var member = await db.BuyerWithPointsAsync(0);
        var earned = DateTimeOffset.UtcNow.AddMonths(-2);
        await db.GiveAsync(member, 500, earned);
        var gift = await db.CreateGiftAsync(points: 400, stock: 2);
        var order = (await db.OrderAsync(member, gift)).OrderId!.Value;

        var cancelled = await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand([order], GiftOrderStatus.Cancelled, "member", MemberId: member));
        var again = await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand([order], GiftOrderStatus.Cancelled, "member", MemberId: member));

        cancelled.Changed.Should().Be(1);
        again.Changed.Should().Be(0);
        (await db.BalanceAsync(member)).Should().Be(500);
        (await db.StockAsync(gift)).Should().Be(2);
        var entries = await db.QueryAsync(c => c.PointsEntries.Where(e => e.MemberId == member).OrderBy(e => e.Id).Select(e => new { e.Amount, e.Reason }).ToListAsync());
        entries.Select(e => (e.Amount, e.Reason)).Should().Equal((500, PointsReason.Correction), (-400, PointsReason.GiftOrdered), (400, PointsReason.GiftRefunded));
        var refundLot = await db.QueryAsync(c => c.PointsLots.Where(l => l.MemberId == member).OrderByDescending(l => l.EntryId).FirstAsync());
        refundLot.ExpiresAt.Should().BeCloseTo(earned.AddMonths(12), TimeSpan.FromSeconds(1));
        (await db.UnbalancedBooksAsync()).Should().BeEmpty();
        db.Outbox.Sent.Select(m => m.Key).Should().Contain($"order:{order}:Cancelled");
    }

    [Fact]
    public async Task A_manager_confirms_ships_with_a_tracking_number_and_delivers_and_the_member_gets_a_mail_each_time()
    {
        var member = await db.BuyerWithPointsAsync(1000);
        var gift = await db.CreateGiftAsync(points: 300, stock: 2);
        var order = (await db.OrderAsync(member, gift)).OrderId!.Value;

        (await Move(order, GiftOrderStatus.Shipped)).Errors.Should().ContainSingle().Which.Message.Text.Should().Be("The order cannot move to this status from its current one.");
        (await Move(order, GiftOrderStatus.Confirmed)).Changed.Should().Be(1);
        (await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand([order], GiftOrderStatus.Cancelled, "member", MemberId: member)))
            .Errors.Should().ContainSingle().Which.Message.Text.Should().Be("The order has been confirmed already; ask the program manager to cancel it.");
        (await Move(order, GiftOrderStatus.Shipped)).Errors.Single().Message.Text.Should().Be("Enter the tracking number of the parcel (up to 40 characters).");
        (await Move(order, GiftOrderStatus.Shipped, "RA123456789RU")).Changed.Should().Be(1);
        (await Move(order, GiftOrderStatus.Delivered)).Changed.Should().Be(1);

        var mine = (await db.SendAsync<IReadOnlyList<MyGiftOrder>>(new ListMyGiftOrdersQuery(member))).Single();
        mine.Status.Should().Be(GiftOrderStatus.Delivered);
        mine.TrackingNumber.Should().Be("RA123456789RU");
        mine.History.Select(h => h.Status).Should().Equal(GiftOrderStatus.Placed, GiftOrderStatus.Confirmed, GiftOrderStatus.Shipped, GiftOrderStatus.Delivered);
        db.Outbox.Sent.Where(m => m.Mail.MemberId == member).Select(m => m.Key).Should().Equal(
            $"order:{order}:Placed", $"order:{order}:Confirmed", $"order:{order}:Shipped", $"order:{order}:Delivered");
        (await db.BalanceAsync(member)).Should().Be(700);
    }

    [Fact]
    public async Task A_bulk_rejection_refunds_every_order_once_even_when_two_managers_click_at_once()
    {
        var gift = await db.CreateGiftAsync(points: 100, stock: 10);
        var members = new List<Guid>();
        var orders = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var member = await db.BuyerWithPointsAsync(100);
            members.Add(member);
            orders.Add((await db.OrderAsync(member, gift)).OrderId!.Value);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Move(orders, GiftOrderStatus.Rejected))));

        results.Sum(r => r.Changed).Should().Be(5);
        (await db.StockAsync(gift)).Should().Be(10);
        foreach (var member in members)
        {
            (await db.BalanceAsync(member)).Should().Be(100);
        }

        (await db.QueryAsync(c => c.PointsEntries.CountAsync(e => e.Reason == PointsReason.GiftRefunded && members.Contains(e.MemberId)))).Should().Be(5);
        (await db.UnbalancedBooksAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_member_cannot_touch_another_members_order()
    {
        var owner = await db.BuyerWithPointsAsync(1000);
        var stranger = await db.BuyerWithPointsAsync(0);
        var gift = await db.CreateGiftAsync(points: 300, stock: 2);
        var order = (await db.OrderAsync(owner, gift)).OrderId!.Value;

        var result = await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand([order], GiftOrderStatus.Cancelled, "x", MemberId: stranger));

        result.Errors.Single().Message.Text.Should().Be("No such order.");
        (await db.BalanceAsync(stranger)).Should().Be(0);
        (await db.SendAsync<IReadOnlyList<MyGiftOrder>>(new ListMyGiftOrdersQuery(stranger))).Should().BeEmpty();
    }

    [Fact]
    public async Task The_desk_filters_by_status_and_finds_members_by_name()
    {
        var member = await db.BuyerWithPointsAsync(1000);
        var gift = await db.CreateGiftAsync(points: 100, stock: 5);
        var order = (await db.OrderAsync(member, gift)).OrderId!.Value;
        var name = await db.QueryAsync(c => c.Members.Where(m => m.Id == member).Select(m => m.FullName).SingleAsync());

        var placed = await db.SendAsync<IReadOnlyList<DeskGiftOrder>>(new ListGiftOrdersQuery(GiftOrderStatus.Placed, Search: name));
        var shipped = await db.SendAsync<IReadOnlyList<DeskGiftOrder>>(new ListGiftOrdersQuery(GiftOrderStatus.Shipped, Search: name));
        var wildcard = await db.SendAsync<IReadOnlyList<DeskGiftOrder>>(new ListGiftOrdersQuery(Search: "%"));

        placed.Should().ContainSingle(o => o.Id == order).Which.Next.Should().Contain(GiftOrderStatus.Confirmed);
        shipped.Should().BeEmpty();
        wildcard.Should().BeEmpty();
    }

    [Fact]
    public async Task A_stock_edit_based_on_a_stale_form_is_refused()
    {
        var gift = await db.CreateGiftAsync(points: 100, stock: 5);
        var member = await db.BuyerWithPointsAsync(1000);
        await db.OrderAsync(member, gift);

        var stale = await db.SendAsync<SaveGiftResult>(new SaveGiftCommand(gift, "Новое имя", "", "", 100, 20, 5, GiftAudience.Everyone, null, null, null, GiftState.Published));
        var fresh = await db.SendAsync<SaveGiftResult>(new SaveGiftCommand(gift, "Новое имя", "", "", 100, 20, 4, GiftAudience.Everyone, null, null, null, GiftState.Published));

        stale.Saved.Should().BeFalse();
        fresh.Saved.Should().BeTrue();
        (await db.StockAsync(gift)).Should().Be(20);
    }

    [Fact]
    public async Task Photos_are_checked_by_their_bytes_and_size()
    {
        var gift = await db.CreateGiftAsync(points: 100, stock: 1);
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

        (await db.SendAsync<Club.Application.Abstractions.Result>(new SaveGiftPhotoCommand(gift, "<svg onload=alert(1)>"u8.ToArray()))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Club.Application.Abstractions.Result>(new SaveGiftPhotoCommand(gift, [.. png, .. new byte[GiftPhoto.MaxBytes]]))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Club.Application.Abstractions.Result>(new SaveGiftPhotoCommand(gift, png))).Succeeded.Should().BeTrue();

        (await db.SendAsync<GiftPhotoFile?>(new GetGiftPhotoQuery(gift)))!.ContentType.Should().Be("image/png");
        (await db.QueryAsync(c => c.Gifts.Where(g => g.Id == gift).Select(g => g.PhotoVersion).SingleAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_members_photo_request_shows_only_gifts_the_member_may_see()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        var published = await db.CreateGiftAsync(points: 100, stock: 1);
        var draft = await db.CreateGiftAsync(points: 100, stock: 1, state: GiftState.Draft);
        foreach (var gift in new[] { published, draft })
        {
            (await db.SendAsync<Club.Application.Abstractions.Result>(new SaveGiftPhotoCommand(gift, png))).Succeeded.Should().BeTrue();
        }

        var buyer = new GiftViewer(await db.BuyerWithPointsAsync(0), IsBuyer: true, IsSeller: false);

        (await db.SendAsync<GiftPhotoFile?>(new GetGiftPhotoQuery(published, buyer))).Should().NotBeNull();
        (await db.SendAsync<GiftPhotoFile?>(new GetGiftPhotoQuery(draft, buyer))).Should().BeNull("a draft is not shown to members");
        (await db.SendAsync<GiftPhotoFile?>(new GetGiftPhotoQuery(draft))).Should().NotBeNull("brand staff see every gift");
    }

    private Task<GiftOrderChanges> Move(long order, GiftOrderStatus to, string? tracking = null) =>
        Move([order], to, tracking);

    private Task<GiftOrderChanges> Move(IReadOnlyList<long> orders, GiftOrderStatus to, string? tracking = null) =>
        db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand(
            orders, to, "Елена Орлова", tracking is null ? null : orders.ToDictionary(o => o, _ => tracking)));
}
