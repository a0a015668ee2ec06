using Club.Application.Abstractions;
using Club.Domain.Catalog;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>
/// The managers' order desk (and the warehouse CSV): orders by status, oldest first so the queue is
/// worked in order, filtered by gift, delivery and a search in the member's name, e-mail or phone.
/// </summary>
public sealed record ListGiftOrdersQuery(
    GiftOrderStatus? Status = null, int? GiftId = null, GiftDelivery? Delivery = null, string? Search = null, int Limit = 300)
    : IQuery<IReadOnlyList<DeskGiftOrder>>;

public sealed record DeskGiftOrder(
    long Id, DateTimeOffset PlacedAt, string MemberName, string? Email, string? Phone, string GiftTitle, int Points,
    GiftOrderStatus Status, GiftDelivery Delivery, string? Address, string? ShopName, string? TrackingNumber)
{
    public IReadOnlyList<GiftOrderStatus> Next => GiftOrder.Next(Status, Delivery);
}

public sealed class ListGiftOrdersHandler(IClubDbFactory dbFactory) : IQueryHandler<ListGiftOrdersQuery, IReadOnlyList<DeskGiftOrder>>
{
    public async ValueTask<IReadOnlyList<DeskGiftOrder>> Handle(ListGiftOrdersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (status, delivery) = (query.Status?.ToString(), query.Delivery?.ToString());
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : "%" + EscapeLike(query.Search.Trim()) + "%";
        var limit = Math.Clamp(query.Limit, 1, 100_000);
        // Raw SQL because e-mail and phone live in the Identity table, outside the application's model.
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT o.id, o.placed_at, m.full_name AS member_name, u.email, u.phone_number AS phone, o.gift_title, o.points,
                   o.status, o.delivery, o.address, p.name || ', ' || s.name AS shop_name, o.tracking_number
            FROM gift_orders o
            JOIN members m ON m.id = o.member_id
            JOIN users u ON u.id = o.member_id
            LEFT JOIN shops s ON s.id = o.shop_id
            LEFT JOIN partners p ON p.id = s.partner_id
            WHERE ({status}::text IS NULL OR o.status = {status}::text)
              AND ({delivery}::text IS NULL OR o.delivery = {delivery}::text)
              AND ({query.GiftId}::integer IS NULL OR o.gift_id = {query.GiftId}::integer)
              AND ({search}::text IS NULL OR m.full_name ILIKE {search}::text OR u.email ILIKE {search}::text OR u.phone_number ILIKE {search}::text)
            ORDER BY o.placed_at, o.id
            LIMIT {limit}
            """).ToListAsync(cancellationToken);
        return rows.Select(r => new DeskGiftOrder(
                r.Id, r.PlacedAt, r.MemberName, r.Email, r.Phone, r.GiftTitle, r.Points,
                Enum.Parse<GiftOrderStatus>(r.Status), Enum.Parse<GiftDelivery>(r.Delivery), r.Address, r.ShopName, r.TrackingNumber))
            .ToList();
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed record Row(
        long Id, DateTimeOffset PlacedAt, string MemberName, string? Email, string? Phone, string GiftTitle, int Points,
        string Status, string Delivery, string? Address, string? ShopName, string? TrackingNumber);
}
