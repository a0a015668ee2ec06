using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>What a sale pays its seller: the sale's own points and the bonus of the seller promotion it falls in.</summary>
public sealed record SellerSaleTerms(int Points, int? PromotionId, int PromotionPoints);

/// <summary>
/// The one home of "how many points does this sale pay the seller", asked when a claim is recorded (by the
/// seller or by the buyer naming them); the claim keeps the answer and is paid it when confirmed.
/// The sale's points: the seller rule of its product, else of its collection, else of its category, else
/// the global seller's-sale rule, else the configured default (docs/decisions.md, seller point precedence).
/// On top, the best seller promotion running now for the seller's partner (or all partners) that matches the
/// product, its collection and category: promotions do not add up, as for buyers.
/// </summary>
public static class SellerSalePoints
{
    /// <summary>The sale's own points for the product row <paramref name="p"/>; {0} is the configured default.</summary>
    private static string BasePointsSql(string p) => $$"""
        COALESCE(
            (SELECT r.points FROM points_rules r WHERE r.kind = '{{nameof(PointsRuleKind.SellerProduct)}}' AND r.product_id = {{p}}.id),
            (SELECT r.points FROM points_rules r WHERE r.kind = '{{nameof(PointsRuleKind.SellerCollection)}}' AND r.collection = {{p}}.collection),
            (SELECT r.points FROM points_rules r WHERE r.kind = '{{nameof(PointsRuleKind.SellerCategory)}}' AND r.category = {{p}}.category),
            (SELECT r.points FROM points_rules r WHERE r.kind = '{{nameof(PointsRuleKind.SellerSale)}}'),
            {0})
        """;

    public static async Task<SellerSaleTerms> ForTagAsync(
        IClubDb db, long tagId, int sellerPartnerId, int defaultPoints, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var terms = await db.Database.SqlQuery<SellerSaleTerms>(FormattableStringFactory.Create($$"""
            SELECT base.points, promo.id AS promotion_id, COALESCE(promo.bonus, 0) AS promotion_points
            FROM tags t
            JOIN tag_batches b ON b.id = t.batch_id
            JOIN products p ON p.id = b.product_id
            CROSS JOIN LATERAL (SELECT {{BasePointsSql("p")}} AS points) base
            LEFT JOIN LATERAL (
                -- round() on numeric rounds half away from zero, as Promotion.BonusFor does.
                SELECT x.id, x.extra_points + round(base.points * (x.multiplier - 1))::int AS bonus
                FROM promotions x
                WHERE x.for_sellers AND x.starts_at <= {1} AND x.ends_at > {1}
                  AND (x.partner_id IS NULL OR x.partner_id = {2})
                  AND (x.product_id IS NULL OR x.product_id = p.id)
                  AND (x.collection IS NULL OR x.collection = p.collection)
                  AND (x.category IS NULL OR x.category = p.category)
                ORDER BY 2 DESC, x.id
                LIMIT 1) promo ON true
            WHERE t.id = {3}
            """, defaultPoints, at, sellerPartnerId, tagId)).ToListAsync(cancellationToken);
        return terms.SingleOrDefault() ?? new SellerSaleTerms(defaultPoints, null, 0);
    }

    /// <summary>What a sale of each product pays its seller now without promotions, for the rules page.</summary>
    public static async Task<Dictionary<int, int>> ForProductsAsync(IClubDb db, int defaultPoints, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<ProductSellerPoints>(FormattableStringFactory.Create($$"""
            SELECT p.id AS product_id, {{BasePointsSql("p")}} AS points FROM products p
            """, defaultPoints)).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.ProductId, r => r.Points);
    }

    private sealed record ProductSellerPoints(int ProductId, int Points);
}
