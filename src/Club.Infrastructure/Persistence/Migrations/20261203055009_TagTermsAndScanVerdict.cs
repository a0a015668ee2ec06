using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TagTermsAndScanVerdict : Migration
    {
        // HAND-WRITTEN SQL (Club.Application.Features.Tags.TagTerms): the one definition of a tag's
        // verdict and of what registering it earns, read by the scan page and the registration. The
        // order is the point: a withdrawn tag or batch wins over a registration, a registration over a
        // batch not on sale yet (states 1 = Voided, 2 = Registered of TagState), then the guess limit (10,
        // Tag.MaxFailedAttempts). LANGUAGE sql, STABLE and one SELECT: PostgreSQL inlines it into the
        // caller's statement, so the scan page's plan is what it was with the text written out.
        internal const string CreateTagTerms = """
            CREATE OR REPLACE FUNCTION tag_terms(p_tag_id bigint, p_member_id uuid, p_at timestamptz)
            RETURNS TABLE (
                verdict text, registered_at timestamptz, scratch_hash bytea,
                sku text, name text, collection text, metal text, stone text, photo_url text,
                points integer, promotion_id integer, promotion_extra_points integer, promotion_multiplier numeric,
                first_item_bonus integer)
            LANGUAGE sql STABLE
            AS $$
            SELECT CASE
                     WHEN t.state = 1 OR tb.state = 'Voided' THEN 'Voided'
                     WHEN t.state = 2 AND t.owner_member_id = p_member_id THEN 'Yours'
                     WHEN t.state = 2 THEN 'SomeoneElses'
                     WHEN tb.state <> 'Active' THEN 'NotReleased'
                     WHEN t.failed_attempts >= 10 THEN 'Locked'
                     ELSE 'Available'
                   END,
                   t.registered_at, t.scratch_hash,
                   p.sku, p.name, p.collection, p.metal, p.stone, p.photo_url,
                   pp.points, promo.id, promo.extra_points, promo.multiplier,
                   -- The bonus comes with a member's first item; an anonymous view never evaluates the sub-selects.
                   CASE WHEN p_member_id IS NULL
                          OR EXISTS (SELECT 1 FROM tags o WHERE o.owner_member_id = p_member_id AND o.id <> t.id) THEN 0
                        ELSE COALESCE((SELECT r.points FROM points_rules r WHERE r.kind = 'FirstItemBonus'), 0)
                   END
            FROM tags t
            JOIN tag_batches tb ON tb.id = t.batch_id
            JOIN products p ON p.id = tb.product_id
            JOIN product_points pp ON pp.product_id = p.id
            -- A partner's promotion applies to the batches shipped to that partner: the brand knows where
            -- each tag went, the shop that sold it only if a seller recorded the sale. The most generous first.
            LEFT JOIN LATERAL (
                SELECT x.id, x.extra_points, x.multiplier FROM promotions x
                WHERE x.starts_at <= p_at AND x.ends_at > p_at
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
            migrationBuilder.AddColumn<string>(
                name: "verdict",
                table: "tag_scans",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.Sql(CreateTagTerms);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS tag_terms(bigint, uuid, timestamptz);");
            migrationBuilder.DropColumn(
                name: "verdict",
                table: "tag_scans");
        }
    }
}
