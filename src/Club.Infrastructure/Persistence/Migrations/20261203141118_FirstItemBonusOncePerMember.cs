using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class FirstItemBonusOncePerMember : Migration
    {
        // HAND-WRITTEN SQL (Club.Application.Features.Tags.TagTerms). The first-item bonus is offered while
        // no ledger entry has the member's key 'first-item:{member}' (TagTerms.FirstItemBonusKey), the key
        // the registration posts it under. It was "the member owns no other tag", which an owner change
        // broke both ways: a giver left with nothing was promised a bonus his used key could not pay, and a
        // receiver of an item was never offered hers. The key lookup is on the entries' unique index.
        // Otherwise as in ScratchGuessLimits; the result is unchanged, so CREATE OR REPLACE does.
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
            JOIN tag_batches tb ON tb.id = t.batch_id
            JOIN products p ON p.id = tb.product_id
            JOIN product_points pp ON pp.product_id = p.id
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
            migrationBuilder.Sql(CreateTagTerms);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION tag_terms(bigint, uuid, timestamptz);");
            migrationBuilder.Sql(ScratchGuessLimits.CreateTagTerms);
        }
    }
}
