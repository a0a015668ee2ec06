using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// Gift orders to be picked up at the asking partner manager's own partner's shops: those on their way or
/// waiting there, and those handed over in the last 30 days. The partner comes from the manager's record.
/// </summary>
public sealed record ListPickupOrdersQuery(Guid ManagerId) : IQuery<PickupOrders>;

public sealed record PickupOrders(string PartnerName, IReadOnlyList<PickupOrderRow> Orders);

public sealed record PickupOrderRow(long Id, string GiftTitle, string MemberName, string ShopName, GiftOrderStatus Status, DateTimeOffset UpdatedAt);

public sealed class ListPickupOrdersHandler(IClubDbFactory dbFactory, TimeProvider clock) : IQueryHandler<ListPickupOrdersQuery, PickupOrders>
{
    public async ValueTask<PickupOrders> Handle(ListPickupOrdersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ManagedPartner.OfAsync(db, query.ManagerId, cancellationToken);
        var since = clock.GetUtcNow().AddDays(-30);
        var orders = await (
                from o in db.GiftOrders.AsNoTracking()
                join s in db.Shops on o.ShopId equals s.Id
                join m in db.Members on o.MemberId equals m.Id
                where s.PartnerId == partner.Id && o.Delivery == GiftDelivery.Pickup
                      && (o.Status == GiftOrderStatus.Confirmed || o.Status == GiftOrderStatus.ReadyForPickup
                          || (o.Status == GiftOrderStatus.Delivered && o.UpdatedAt >= since))
                orderby o.Status == GiftOrderStatus.ReadyForPickup descending, o.UpdatedAt descending
                select new PickupOrderRow(o.Id, o.GiftTitle, m.FullName, s.Name, o.Status, o.UpdatedAt))
            .Take(500)
            .ToListAsync(cancellationToken);
        return new PickupOrders(partner.Name, orders);
    }
}
