using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Sales;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// The partner's sellers with their confirmed sales and the points those paid, in order of joining.
/// The cursor is the last seller's place in that order ("joined-at ticks.id").
/// </summary>
public sealed record ListPartnerSellersQuery(int PartnerId, string? After, int Limit) : IQuery<ApiPage<PartnerSeller>?>;

public sealed record PartnerSeller(Guid Id, string FullName, int? ShopId, SellerStatus Status, DateTimeOffset JoinedAt, int ConfirmedSales, int SalePoints);

public sealed class ListPartnerSellersHandler(IClubDbFactory dbFactory) : IQueryHandler<ListPartnerSellersQuery, ApiPage<PartnerSeller>?>
{
    /// <summary>The page, or null when the cursor is not one this list gave.</summary>
    public async ValueTask<ApiPage<PartnerSeller>?> Handle(ListPartnerSellersQuery query, CancellationToken cancellationToken)
    {
        var (afterJoined, afterId) = (DateTimeOffset.MinValue, Guid.Empty);
        if (!string.IsNullOrEmpty(query.After) && !TryParse(query.After, out afterJoined, out afterId))
        {
            return null;
        }

        var confirmed = SaleState.Confirmed.ToString();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // Row comparison (joined_at, id) > (...) is the keyset: exact even for sellers who joined at the same moment.
        var rows = await db.Database.SqlQuery<SellerRow>($"""
            SELECT m.id, m.full_name, m.shop_id, m.seller_status AS status, m.joined_at,
                   count(s.id)::int AS confirmed_sales, coalesce(sum(s.points), 0)::int AS sale_points
            FROM members m
            LEFT JOIN sales s ON s.seller_id = m.id AND s.partner_id = m.partner_id AND s.state = {confirmed}
            WHERE m.partner_id = {query.PartnerId} AND m.seller_status IS NOT NULL AND (m.joined_at, m.id) > ({afterJoined}, {afterId})
            GROUP BY m.id
            ORDER BY m.joined_at, m.id
            LIMIT {query.Limit + 1}
            """).ToListAsync(cancellationToken);
        var sellers = rows.Select(r => new PartnerSeller(r.Id, r.FullName, r.ShopId, Enum.Parse<SellerStatus>(r.Status), r.JoinedAt, r.ConfirmedSales, r.SalePoints)).ToList();
        return ApiPaging.Page(sellers, query.Limit, s => $"{s.JoinedAt.UtcTicks}.{s.Id:N}");
    }

    private static bool TryParse(string cursor, out DateTimeOffset joined, out Guid id)
    {
        (joined, id) = (default, default);
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(cursor.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(cursor.AsSpan(dot + 1), "N", out id))
        {
            return false;
        }

        joined = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private sealed record SellerRow(Guid Id, string FullName, int? ShopId, string Status, DateTimeOffset JoinedAt, int ConfirmedSales, int SalePoints);
}
