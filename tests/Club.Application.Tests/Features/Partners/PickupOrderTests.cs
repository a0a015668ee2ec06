using Club.Application.Features.Catalog;
using Club.Application.Features.Partners;
using Club.Application.Tests.Features.Catalog;
using Club.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Partners;

/// <summary>A partner manager hands over gift orders waiting at their own shops, and only those.</summary>
public class PickupOrderTests(CatalogFixture db) : IClassFixture<CatalogFixture>
{
    [Fact]
    public async Task A_manager_hands_over_an_order_waiting_at_their_shop_and_cannot_touch_another_partners()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var own = await db.QueryAsync(c => c.Members.Where(m => m.Id == manager).Select(m => m.PartnerId!.Value).SingleAsync());
        var ownShop = await db.QueryAsync(c => c.Shops.Where(s => s.PartnerId == own && s.IsActive).Select(s => s.Id).FirstAsync());
        var otherShop = await db.QueryAsync(c => c.Shops.Where(s => s.PartnerId != own && s.IsActive).Select(s => s.Id).FirstAsync());
        var mine = await ReadyForPickupAsync(ownShop);
        var theirs = await ReadyForPickupAsync(otherShop);

        var list = await db.SendAsync<PickupOrders>(new ListPickupOrdersQuery(manager));
        var forged = await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand([theirs], GiftOrderStatus.Delivered, "partner", PartnerManagerId: manager));
        var cancel = await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand([mine], GiftOrderStatus.Cancelled, "partner", PartnerManagerId: manager));
        var handed = await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand([mine], GiftOrderStatus.Delivered, "partner", PartnerManagerId: manager));

        list.Orders.Should().Contain(o => o.Id == mine && o.Status == GiftOrderStatus.ReadyForPickup).And.NotContain(o => o.Id == theirs);
        forged.Changed.Should().Be(0);
        forged.Errors.Single().Message.Key.Should().Be("No such order.");
        cancel.Changed.Should().Be(0, "a shop only hands orders over");
        handed.Changed.Should().Be(1);
        (await StatusAsync(mine)).Should().Be(GiftOrderStatus.Delivered);
        (await StatusAsync(theirs)).Should().Be(GiftOrderStatus.ReadyForPickup);
        db.Outbox.Sent.Select(m => m.Key).Should().Contain($"order:{mine}:Delivered").And.NotContain($"order:{theirs}:Delivered");
    }

    private async Task<long> ReadyForPickupAsync(int shop)
    {
        var member = await db.BuyerWithPointsAsync(100);
        var gift = await db.CreateGiftAsync(points: 50, stock: 5);
        var placed = await db.SendAsync<PlaceGiftOrderResult>(new PlaceGiftOrderCommand(
            new GiftViewer(member, IsBuyer: true, IsSeller: false), gift, Guid.NewGuid(), GiftDelivery.Pickup, null, shop));
        var order = placed.OrderId!.Value;
        foreach (var status in new[] { GiftOrderStatus.Confirmed, GiftOrderStatus.ReadyForPickup })
        {
            (await db.SendAsync<GiftOrderChanges>(new ChangeGiftOrderStatusCommand([order], status, "manager"))).Changed.Should().Be(1);
        }

        return order;
    }

    private Task<GiftOrderStatus> StatusAsync(long order) =>
        db.QueryAsync(c => c.GiftOrders.Where(o => o.Id == order).Select(o => o.Status).SingleAsync());
}
