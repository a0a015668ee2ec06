using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SaleCyclesAndBuyerErasure : Migration
    {
        /// <summary>Public for the test that runs it on claims left live by returns made before the Returned state.</summary>
        public const string Backfill = """
            UPDATE sales s SET cycle = (
                SELECT count(*) FROM item_owner_changes c
                WHERE c.tag_id = s.tag_id AND c.kind = 'Returned' AND c.changed_at <= s.recorded_at);
            UPDATE sales s SET state = 'Returned'
            WHERE s.state IN ('AwaitingBuyer', 'Confirmed', 'Flagged', 'AwaitingConfirmation', 'Disputed')
              AND EXISTS (SELECT 1 FROM item_owner_changes c
                          WHERE c.tag_id = s.tag_id AND c.kind = 'Returned' AND c.changed_at >= s.recorded_at);
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_sales_members_buyer_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id_seller_id",
                table: "sales");

            migrationBuilder.AddColumn<int>(
                name: "cycle",
                table: "sales",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Claims made before sales had a cycle: each belongs to the time on sale it was made in (the
            // item's returns before it), and a claim still live on an item returned after it is over:
            // returns made before the Returned state existed left such claims holding the item.
            migrationBuilder.Sql(Backfill);

            migrationBuilder.CreateIndex(
                name: "ix_sales_tag_id_seller_id_cycle",
                table: "sales",
                columns: new[] { "tag_id", "seller_id", "cycle" },
                unique: true,
                filter: "state <> 'Expired'");

            migrationBuilder.AddForeignKey(
                name: "fk_sales_members_buyer_id",
                table: "sales",
                column: "buyer_id",
                principalTable: "members",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_sales_members_buyer_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id_seller_id_cycle",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "cycle",
                table: "sales");

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
    }
}
