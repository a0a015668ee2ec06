using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScratchGuessLimits : Migration
    {
        // HAND-WRITTEN SQL. Wrong scratch codes per account, network (hashed) and account+tag per UTC day
        // (Application/Features/Registration/ScratchGuesses.cs). Only plain SQL touches it, so it is not in
        // the EF model. Rows of past days are no longer read.
        private const string CreateGuessCounts = """
            CREATE TABLE IF NOT EXISTS scratch_guess_counts (
                scope text NOT NULL,
                key text NOT NULL,
                day date NOT NULL,
                wrong integer NOT NULL,
                CONSTRAINT pk_scratch_guess_counts PRIMARY KEY (scope, key, day));
            """;

        // tag_terms without the permanent lock: wrong codes no longer change a tag's verdict, they pause it
        // (guessing_paused_until, returned for the scan page to tell the owner). Otherwise as before.
        internal const string CreateTagTerms = """
            CREATE FUNCTION tag_terms(p_tag_id bigint, p_member_id uuid, p_at timestamptz)
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
                          OR EXISTS (SELECT 1 FROM tags o WHERE o.owner_member_id = p_member_id AND o.id <> t.id) THEN 0
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
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "guessing_paused_until",
                table: "tags",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_wrong_code_at",
                table: "tags",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tags_under_attack",
                table: "tags",
                column: "last_wrong_code_at",
                filter: "failed_attempts >= 5");

            migrationBuilder.Sql(CreateGuessCounts);
            // The result gains a column, which CREATE OR REPLACE cannot do.
            migrationBuilder.Sql("DROP FUNCTION tag_terms(bigint, uuid, timestamptz);");
            migrationBuilder.Sql(CreateTagTerms);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS scratch_guess_counts;");
            migrationBuilder.Sql("DROP FUNCTION tag_terms(bigint, uuid, timestamptz);");
            migrationBuilder.Sql(TagTermsAndScanVerdict.CreateTagTerms);
            migrationBuilder.DropIndex(
                name: "ix_tags_under_attack",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "guessing_paused_until",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "last_wrong_code_at",
                table: "tags");
        }
    }
}
