using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SellerIncentives : Migration
    {
        // HAND-WRITTEN SQL (Club.Application.Features.Tags.TagTerms): the registration's promotion is a buyer
        // promotion only; seller promotions (for_sellers) pay on sales (Club.Application.Features.Sales.SellerSalePoints).
        // Otherwise as in FirstItemBonusOncePerMember; the result is unchanged, so CREATE OR REPLACE does.
        internal static readonly string CreateTagTerms = FirstItemBonusOncePerMember.CreateTagTerms.Replace(
            "WHERE x.starts_at <= p_at AND x.ends_at > p_at", "WHERE NOT x.for_sellers AND x.starts_at <= p_at AND x.ends_at > p_at", StringComparison.Ordinal);

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_points_rules_kind_product_id_collection",
                table: "points_rules");

            migrationBuilder.DropCheckConstraint(
                name: "ck_points_rules_target",
                table: "points_rules");

            migrationBuilder.AddColumn<int>(
                name: "promotion_id",
                table: "sales",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "promotion_points",
                table: "sales",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "for_sellers",
                table: "promotions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "product_id",
                table: "promotions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "category",
                table: "points_rules",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_to_sellers",
                table: "members",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValueSql: "'Initials'");

            migrationBuilder.UpdateData(
                table: "points_rules",
                keyColumn: "id",
                keyValue: 1,
                column: "category",
                value: null);

            migrationBuilder.CreateIndex(
                name: "ix_sales_confirmed_at",
                table: "sales",
                column: "confirmed_at",
                filter: "state = 'Confirmed'")
                .Annotation("Npgsql:IndexInclude", new[] { "seller_id", "partner_id", "points", "promotion_points" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_promotion_id",
                table: "sales",
                column: "promotion_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_sales_promotion_points",
                table: "sales",
                sql: "promotion_points >= 0 AND (promotion_id IS NOT NULL OR promotion_points = 0)");

            migrationBuilder.CreateIndex(
                name: "ix_promotions_product_id",
                table: "promotions",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_rules_kind_product_id_collection_category",
                table: "points_rules",
                columns: new[] { "kind", "product_id", "collection", "category" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.AddCheckConstraint(
                name: "ck_points_rules_target",
                table: "points_rules",
                sql: "(kind IN ('Product', 'SellerProduct') AND product_id IS NOT NULL AND collection IS NULL AND category IS NULL) OR (kind IN ('Collection', 'SellerCollection') AND product_id IS NULL AND collection IS NOT NULL AND category IS NULL) OR (kind = 'SellerCategory' AND product_id IS NULL AND collection IS NULL AND category IS NOT NULL) OR (kind NOT IN ('Product', 'Collection', 'SellerProduct', 'SellerCollection', 'SellerCategory') AND product_id IS NULL AND collection IS NULL AND category IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "fk_promotions_products_product_id",
                table: "promotions",
                column: "product_id",
                principalTable: "products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_sales_promotions_promotion_id",
                table: "sales",
                column: "promotion_id",
                principalTable: "promotions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql(CreateTagTerms);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(FirstItemBonusOncePerMember.CreateTagTerms);

            migrationBuilder.DropForeignKey(
                name: "fk_promotions_products_product_id",
                table: "promotions");

            migrationBuilder.DropForeignKey(
                name: "fk_sales_promotions_promotion_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_confirmed_at",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_promotion_id",
                table: "sales");

            migrationBuilder.DropCheckConstraint(
                name: "ck_sales_promotion_points",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_promotions_product_id",
                table: "promotions");

            migrationBuilder.DropIndex(
                name: "ix_points_rules_kind_product_id_collection_category",
                table: "points_rules");

            migrationBuilder.DropCheckConstraint(
                name: "ck_points_rules_target",
                table: "points_rules");

            migrationBuilder.DropColumn(
                name: "promotion_id",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "promotion_points",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "for_sellers",
                table: "promotions");

            migrationBuilder.DropColumn(
                name: "product_id",
                table: "promotions");

            migrationBuilder.DropColumn(
                name: "category",
                table: "points_rules");

            migrationBuilder.DropColumn(
                name: "name_to_sellers",
                table: "members");

            migrationBuilder.CreateIndex(
                name: "ix_points_rules_kind_product_id_collection",
                table: "points_rules",
                columns: new[] { "kind", "product_id", "collection" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.AddCheckConstraint(
                name: "ck_points_rules_target",
                table: "points_rules",
                sql: "(kind = 'Product' AND product_id IS NOT NULL AND collection IS NULL) OR (kind = 'Collection' AND product_id IS NULL AND collection IS NOT NULL) OR (kind NOT IN ('Product', 'Collection') AND product_id IS NULL AND collection IS NULL)");
        }
    }
}
