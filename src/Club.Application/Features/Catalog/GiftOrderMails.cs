using System.Globalization;
using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>
/// The mail a member gets when their order reaches a status, keyed <c>order:{id}:{status}</c> so a
/// retried change mails once. Sent after the change is committed; templates GiftOrderStatus.ru/.en.
/// </summary>
public sealed class GiftOrderMails(IClubDbFactory dbFactory, IMailOutbox outbox)
{
    public const string Template = "GiftOrderStatus";

    // One template per language; the outbox fills the same values for either, so both wordings travel.
    private static readonly Dictionary<GiftOrderStatus, (string Ru, string En)> StatusText = new()
    {
        [GiftOrderStatus.Placed] = ("оформлен", "placed"),
        [GiftOrderStatus.Confirmed] = ("подтверждён", "confirmed"),
        [GiftOrderStatus.Shipped] = ("отправлен почтой", "shipped by post"),
        [GiftOrderStatus.ReadyForPickup] = ("ждёт вас в магазине", "ready for pick-up"),
        [GiftOrderStatus.Delivered] = ("вручён", "delivered"),
        [GiftOrderStatus.Cancelled] = ("отменён, баллы возвращены", "cancelled, your points are back"),
        [GiftOrderStatus.Rejected] = ("отклонён, баллы возвращены", "rejected, your points are back"),
    };

    public async Task SendAsync(long orderId, GiftOrderStatus status, CancellationToken cancellationToken)
    {
        GiftOrder? order;
        string? shop;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            order = await db.GiftOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            shop = order?.ShopId is { } shopId
                ? await db.Shops.Where(s => s.Id == shopId).Select(s => s.Partner!.Name + ", " + s.Name).SingleOrDefaultAsync(cancellationToken)
                : null;
        }

        if (order is null)
        {
            return;
        }

        var (ru, en) = StatusText[status];
        var (detailsRu, detailsEn) = status switch
        {
            GiftOrderStatus.Shipped => ("Трек-номер: " + order.TrackingNumber, "Tracking number: " + order.TrackingNumber),
            GiftOrderStatus.ReadyForPickup => ("Магазин: " + shop, "Shop: " + shop),
            _ => ("", ""),
        };
        await outbox.EnqueueAsync($"order:{order.Id}:{status}", new MemberMail(order.MemberId, Template, new Dictionary<string, string>
        {
            ["Order"] = order.Id.ToString(CultureInfo.InvariantCulture),
            ["Gift"] = order.GiftTitle,
            ["Points"] = order.Points.ToString(CultureInfo.InvariantCulture),
            ["StatusRu"] = ru,
            ["StatusEn"] = en,
            ["DetailsRu"] = detailsRu,
            ["DetailsEn"] = detailsEn,
        }), cancellationToken);
    }
}
