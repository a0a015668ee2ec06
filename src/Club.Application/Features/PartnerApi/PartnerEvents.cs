using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Club.Domain.PartnerApi;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// The events partners can subscribe to, each queued by the use case that makes it happen, inside its
/// transaction (<see cref="WebhookOutbox"/>). Bodies carry ids and what a till needs, no personal data
/// (names and phones stay behind the API, where erasing a member erases them).
/// </summary>
public static class PartnerEvents
{
    /// <summary>A sale was confirmed and its seller paid (whichever way: registration, the buyer's yes, a manager).</summary>
    public static async Task SaleConfirmedAsync(IClubDb db, long saleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sale = await db.Sales.AsNoTracking().Where(s => s.Id == saleId)
            .Select(s => new { s.Id, s.PartnerId, s.SellerId, s.ShopId, s.Points, s.ConfirmedAt })
            .SingleAsync(cancellationToken);
        await WebhookOutbox.EnqueueAsync(db, sale.PartnerId, WebhookEvents.SaleConfirmed,
            new { saleId = sale.Id, sellerId = sale.SellerId, shopId = sale.ShopId, points = sale.Points, confirmedAt = sale.ConfirmedAt ?? now },
            now, cancellationToken);
    }

    /// <summary>A buyer registered an item whose tag's batch was shipped to the partner.</summary>
    public static async Task ItemRegisteredAsync(IClubDb db, long tagId, string serial, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                where t.Id == tagId
                select new { b.PartnerId, p.Sku })
            .AsNoTracking().SingleAsync(cancellationToken);
        await WebhookOutbox.EnqueueAsync(db, item.PartnerId, WebhookEvents.ItemRegistered, new { serial, sku = item.Sku, registeredAt = now }, now, cancellationToken);
    }

    /// <summary>A gift order waits for pick-up at one of the partner's shops.</summary>
    public static async Task GiftOrderReadyAsync(IClubDb db, long orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var order = await (
                from o in db.GiftOrders
                join g in db.Gifts on o.GiftId equals g.Id
                join s in db.Shops on o.ShopId equals s.Id
                where o.Id == orderId && o.Delivery == GiftDelivery.Pickup
                select new { o.Id, s.PartnerId, ShopId = s.Id, Gift = g.Title })
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (order is not null)
        {
            await WebhookOutbox.EnqueueAsync(db, order.PartnerId, WebhookEvents.GiftOrderReady,
                new { orderId = order.Id, shopId = order.ShopId, gift = order.Gift }, now, cancellationToken);
        }
    }

    /// <summary>A program manager activated one of the partner's sellers.</summary>
    public static async Task SellerActivatedAsync(IClubDb db, Guid sellerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seller = await db.Members.AsNoTracking().Where(m => m.Id == sellerId)
            .Select(m => new { m.Id, m.PartnerId, m.ShopId })
            .SingleAsync(cancellationToken);
        await WebhookOutbox.EnqueueAsync(db, seller.PartnerId, WebhookEvents.SellerActivated,
            new { sellerId = seller.Id, shopId = seller.ShopId }, now, cancellationToken);
    }
}
