using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScanPageAtScale : Migration
    {
        // HAND-WRITTEN SQL (Club.Application.Features.Tags.TagTerms). One tag's batch, product and points are
        // looked up one after the other (LATERAL ... OFFSET 0 keeps each a lookup by key): as plain joins the
        // planner sorted or hashed the whole batch and product tables for the one tag whenever they were small
        // (docs/benchmarks.md, the scan page at scale). Otherwise as in SellerIncentives; the result is unchanged.
        internal const string CreateTagTerms = """
            CREATE OR REPLACE FUNCTION tag_terms(p_tag_id bigint, p_member_id uuid, p_at timestamptz)
            RETURNS TABLE (
                verdict text, registered_at timestamptz, scratch_hash bytea,
                sku text, name text, collection text, metal text, stone text, photo_url text,
                points integer, promotion_id integer, promotion_extra_points integer, promotion_multiplier numeric,
                first_item_bonus integer, guessing_paused_until timestamptz)
            LANGUAGE sql STABLE
            AS $$
            SELECT CASE
                     WHEN t.state = 1 OR tb.state = 'Voided' THEN 'Voided'
                     WHEN t.state = 2 AND t.owner_member_id = p_member_id THEN 'Yours'
                     WHEN t.state = 2 THEN 'SomeoneElses'
                     WHEN tb.state <> 'Active' THEN 'NotReleased'
                     ELSE 'Available'
                   END,
                   t.registered_at, t.scratch_hash,
                   p.sku, p.name, p.collection, p.metal, p.stone, p.photo_url,
                   pp.points, promo.id, promo.extra_points, promo.multiplier,
                   CASE WHEN p_member_id IS NULL
                          OR EXISTS (SELECT 1 FROM points_entries e WHERE e.idempotency_key = 'first-item:' || p_member_id::text) THEN 0
                        ELSE COALESCE((SELECT r.points FROM points_rules r WHERE r.kind = 'FirstItemBonus'), 0)
                   END,
                   t.guessing_paused_until
            FROM tags t
            CROSS JOIN LATERAL (SELECT b.state, b.product_id, b.partner_id FROM tag_batches b WHERE b.id = t.batch_id OFFSET 0) tb
            CROSS JOIN LATERAL (SELECT x.* FROM products x WHERE x.id = tb.product_id OFFSET 0) p
            CROSS JOIN LATERAL (SELECT v.points FROM product_points v WHERE v.product_id = p.id OFFSET 0) pp
            LEFT JOIN LATERAL (
                SELECT x.id, x.extra_points, x.multiplier FROM promotions x
                WHERE NOT x.for_sellers AND x.starts_at <= p_at AND x.ends_at > p_at
                  AND (x.partner_id IS NULL OR x.partner_id = tb.partner_id)
                  AND (x.collection IS NULL OR x.collection = p.collection)
                  AND (x.category IS NULL OR x.category = p.category)
                ORDER BY x.extra_points + x.multiplier * pp.points DESC, x.id
                LIMIT 1) promo ON true
            WHERE t.id = p_tag_id
            $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "tag_scan_counts")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.Sql(CreateTagTerms);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "tag_scan_counts")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.Sql(SellerIncentives.CreateTagTerms);
        }
    }
}
