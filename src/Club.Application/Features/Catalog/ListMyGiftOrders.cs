using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>A member's gift orders, newest first, each with its status history.</summary>
public sealed record ListMyGiftOrdersQuery(Guid MemberId) : IQuery<IReadOnlyList<MyGiftOrder>>;

public sealed record MyGiftOrder(
    long Id, int GiftId, string GiftTitle, int Points, GiftOrderStatus Status, GiftDelivery Delivery, string? Address,
    string? ShopName, string? TrackingNumber, DateTimeOffset PlacedAt, IReadOnlyList<GiftOrderStep> History)
{
    public bool CanCancel => Status == GiftOrderStatus.Placed;
}

public sealed record GiftOrderStep(GiftOrderStatus Status, DateTimeOffset At);

public sealed class ListMyGiftOrdersHandler(IClubDbFactory dbFactory) : IQueryHandler<ListMyGiftOrdersQuery, IReadOnlyList<MyGiftOrder>>
{
    public async ValueTask<IReadOnlyList<MyGiftOrder>> Handle(ListMyGiftOrdersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var orders = await db.GiftOrders.AsNoTracking()
            .Where(o => o.MemberId == query.MemberId)
            .OrderByDescending(o => o.Id)
            .Take(200)
            .Select(o => new
            {
                Order = o,
                Shop = db.Shops.Where(s => s.Id == o.ShopId).Select(s => s.Partner!.Name + ", " + s.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var ids = orders.Select(o => o.Order.Id).ToList();
        var events = (await db.GiftOrderEvents.AsNoTracking().Where(e => ids.Contains(e.OrderId)).OrderBy(e => e.Id).ToListAsync(cancellationToken))
            .ToLookup(e => e.OrderId);
        return orders.Select(x => new MyGiftOrder(
                x.Order.Id, x.Order.GiftId, x.Order.GiftTitle, x.Order.Points, x.Order.Status, x.Order.Delivery, x.Order.Address, x.Shop,
                x.Order.TrackingNumber, x.Order.PlacedAt, events[x.Order.Id].Select(e => new GiftOrderStep(e.Status, e.At)).ToList()))
            .ToList();
    }
}
