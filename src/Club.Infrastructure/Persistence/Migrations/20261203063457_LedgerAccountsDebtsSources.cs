using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LedgerAccountsDebtsSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_points_balances_members_member_id",
                table: "points_balances");

            migrationBuilder.DropForeignKey(
                name: "fk_points_entries_members_member_id",
                table: "points_entries");

            migrationBuilder.AddColumn<int>(
                name: "batch_id",
                table: "points_lots",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "partner_id",
                table: "points_lots",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "account_kind",
                table: "points_balances",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Member");

            migrationBuilder.AddColumn<int>(
                name: "debt",
                table: "points_balances",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "account_ref",
                table: "points_balances",
                type: "uuid",
                nullable: true,
                computedColumnSql: "CASE WHEN account_kind <> 'Member' THEN member_id END",
                stored: true);

            migrationBuilder.AddColumn<Guid>(
                name: "member_ref",
                table: "points_balances",
                type: "uuid",
                nullable: true,
                computedColumnSql: "CASE WHEN account_kind = 'Member' THEN member_id END",
                stored: true);

            migrationBuilder.CreateTable(
                name: "points_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    partner_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_accounts", x => x.id);
                    table.CheckConstraint("ck_points_accounts_not_member", "kind <> 'Member'");
                    table.ForeignKey(
                        name: "fk_points_accounts_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_reference_type_reference_id",
                table: "points_entries",
                columns: new[] { "reference_type", "reference_id" },
                filter: "reference_type IN ('tag', 'sale', 'gift-order', 'order')");

            migrationBuilder.CreateIndex(
                name: "ix_points_balances_account_ref",
                table: "points_balances",
                column: "account_ref",
                filter: "account_ref IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_points_balances_member_ref",
                table: "points_balances",
                column: "member_ref");

            migrationBuilder.AddCheckConstraint(
                name: "ck_points_balances_debt_not_negative",
                table: "points_balances",
                sql: "debt >= 0");

            migrationBuilder.CreateIndex(
                name: "ix_points_accounts_partner_id",
                table: "points_accounts",
                column: "partner_id");

            migrationBuilder.AddForeignKey(
                name: "fk_points_balances_members_member_ref",
                table: "points_balances",
                column: "member_ref",
                principalTable: "members",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_points_balances_points_accounts_account_ref",
                table: "points_balances",
                column: "account_ref",
                principalTable: "points_accounts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // Existing lots get the source the ledger now finds for new ones (LotSource): a tag's batch and
            // partner, a sale's partner and its tag's batch; other sources stay NULL.
            migrationBuilder.Sql("""
                UPDATE points_lots l SET partner_id = b.partner_id, batch_id = b.id
                FROM points_entries e, tags t, tag_batches b
                WHERE e.id = l.entry_id AND e.reference_type = 'tag' AND e.reference_id ~ '^[0-9]+$'
                  AND t.id = e.reference_id::bigint AND b.id = t.batch_id;
                UPDATE points_lots l SET partner_id = s.partner_id, batch_id = t.batch_id
                FROM points_entries e, sales s, tags t
                WHERE e.id = l.entry_id AND e.reference_type = 'sale' AND e.reference_id ~ '^[0-9]+$'
                  AND s.id = e.reference_id::bigint AND t.id = s.tag_id;
                """);

            // Entries now belong to a balance row (a member's or another account's): every posting wrote
            // one, but a row missing in old data would fail the new key, so create it from the entries.
            migrationBuilder.Sql("""
                INSERT INTO points_balances (member_id, balance, updated_at)
                SELECT member_id, GREATEST(sum(amount), 0), max(created_at) FROM points_entries GROUP BY member_id
                ON CONFLICT (member_id) DO NOTHING;
                """);

            migrationBuilder.AddForeignKey(
                name: "fk_points_entries_points_balances_member_id",
                table: "points_entries",
                column: "member_id",
                principalTable: "points_balances",
                principalColumn: "member_id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_points_balances_members_member_ref",
                table: "points_balances");

            migrationBuilder.DropForeignKey(
                name: "fk_points_balances_points_accounts_account_ref",
                table: "points_balances");

            migrationBuilder.DropForeignKey(
                name: "fk_points_entries_points_balances_member_id",
                table: "points_entries");

            migrationBuilder.DropTable(
                name: "points_accounts");

            migrationBuilder.DropIndex(
                name: "ix_points_entries_reference_type_reference_id",
                table: "points_entries");

            migrationBuilder.DropIndex(
                name: "ix_points_balances_account_ref",
                table: "points_balances");

            migrationBuilder.DropIndex(
                name: "ix_points_balances_member_ref",
                table: "points_balances");

            migrationBuilder.DropCheckConstraint(
                name: "ck_points_balances_debt_not_negative",
                table: "points_balances");

            migrationBuilder.DropColumn(
                name: "account_ref",
                table: "points_balances");

            migrationBuilder.DropColumn(
                name: "member_ref",
                table: "points_balances");

            migrationBuilder.DropColumn(
                name: "batch_id",
                table: "points_lots");

            migrationBuilder.DropColumn(
                name: "partner_id",
                table: "points_lots");

            migrationBuilder.DropColumn(
                name: "account_kind",
                table: "points_balances");

            migrationBuilder.DropColumn(
                name: "debt",
                table: "points_balances");

            migrationBuilder.AddForeignKey(
                name: "fk_points_balances_members_member_id",
                table: "points_balances",
                column: "member_id",
                principalTable: "members",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_points_entries_members_member_id",
                table: "points_entries",
                column: "member_id",
                principalTable: "members",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
