using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SaleClaimsHoldOnlyWhileLive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id_seller_id",
                table: "sales");

            migrationBuilder.AddColumn<Guid>(
                name: "buyer_id",
                table: "sales",
                type: "uuid",
                nullable: true);

            // Claims made before this column was asked the item's owner; the best record of who that was.
            migrationBuilder.Sql("UPDATE sales s SET buyer_id = t.owner_member_id FROM tags t WHERE t.id = s.tag_id AND t.owner_member_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sales_buyer_id",
                table: "sales",
                column: "buyer_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_tag_id",
                table: "sales",
                column: "tag_id",
                unique: true,
                filter: "state IN ('AwaitingBuyer', 'Confirmed', 'Flagged', 'AwaitingConfirmation')");

            migrationBuilder.CreateIndex(
                name: "ix_sales_tag_id_seller_id",
                table: "sales",
                columns: new[] { "tag_id", "seller_id" },
                unique: true,
                filter: "state <> 'Returned'");

            migrationBuilder.AddForeignKey(
                name: "fk_sales_members_buyer_id",
                table: "sales",
                column: "buyer_id",
                principalTable: "members",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_sales_members_buyer_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_buyer_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id_seller_id",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "buyer_id",
                table: "sales");

            migrationBuilder.CreateIndex(
                name: "ix_sales_tag_id",
                table: "sales",
                column: "tag_id",
                unique: true,
                filter: "state NOT IN ('Disputed', 'Declined', 'Rejected')");

            migrationBuilder.CreateIndex(
                name: "ix_sales_tag_id_seller_id",
                table: "sales",
                columns: new[] { "tag_id", "seller_id" },
                unique: true);
        }
    }
}
