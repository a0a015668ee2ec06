using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SellerAttribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sales_state",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id",
                table: "sales");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "buyer_answered_at",
                table: "sales",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "named_by_buyer",
                table: "sales",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "sales_policy",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    window_days = table.Column<int>(type: "integer", nullable: false),
                    daily_cap = table.Column<int>(type: "integer", nullable: false),
                    answer_days = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales_policy", x => x.id);
                    table.CheckConstraint("ck_sales_policy_answer", "answer_days BETWEEN 1 AND 90");
                    table.CheckConstraint("ck_sales_policy_cap", "daily_cap BETWEEN 1 AND 1000");
                    table.CheckConstraint("ck_sales_policy_singleton", "id = 1");
                    table.CheckConstraint("ck_sales_policy_window", "window_days BETWEEN 1 AND 365");
                });

            migrationBuilder.CreateTable(
                name: "seller_cards",
                columns: table => new
                {
                    seller_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seller_cards", x => x.seller_id);
                    table.ForeignKey(
                        name: "fk_seller_cards_members_seller_id",
                        column: x => x.seller_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "sales_policy",
                columns: new[] { "id", "answer_days", "daily_cap", "updated_at", "updated_by", "window_days" },
                values: new object[] { 1, 14, 50, null, null, 30 });

            migrationBuilder.CreateIndex(
                name: "ix_sales_state",
                table: "sales",
                column: "state",
                filter: "state IN ('AwaitingBuyer', 'Flagged', 'AwaitingConfirmation', 'Disputed')");

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

            migrationBuilder.CreateIndex(
                name: "ix_seller_cards_code",
                table: "seller_cards",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sales_policy");

            migrationBuilder.DropTable(
                name: "seller_cards");

            migrationBuilder.DropIndex(
                name: "ix_sales_state",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_sales_tag_id_seller_id",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "buyer_answered_at",
                table: "sales");

            migrationBuilder.DropColumn(
                name: "named_by_buyer",
                table: "sales");

            migrationBuilder.CreateIndex(
                name: "ix_sales_state",
                table: "sales",
                column: "state",
                filter: "state IN ('AwaitingBuyer', 'Flagged')");

            migrationBuilder.CreateIndex(
                name: "ix_sales_tag_id",
                table: "sales",
                column: "tag_id",
                unique: true);
        }
    }
}
