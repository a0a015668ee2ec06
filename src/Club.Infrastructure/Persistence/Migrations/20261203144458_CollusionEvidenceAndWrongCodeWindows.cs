using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CollusionEvidenceAndWrongCodeWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_scan_alert_settings_positive",
                table: "scan_alert_settings");

            migrationBuilder.AddColumn<int>(
                name: "repeat_buyer_hours",
                table: "scan_alert_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "repeat_buyer_items",
                table: "scan_alert_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "sale_suspicions",
                columns: table => new
                {
                    sale_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    found_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    points_kept = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_suspicions", x => new { x.sale_id, x.kind });
                    table.ForeignKey(
                        name: "fk_sale_suspicions_members_reviewed_by",
                        column: x => x.reviewed_by,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_sale_suspicions_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "tag_wrong_code_windows",
                columns: table => new
                {
                    tag_id = table.Column<long>(type: "bigint", nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    wrong = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_wrong_code_windows", x => new { x.tag_id, x.window_start });
                });

            migrationBuilder.UpdateData(
                table: "scan_alert_settings",
                keyColumn: "id",
                keyValue: 1,
                columns: new[] { "repeat_buyer_hours", "repeat_buyer_items" },
                values: new object[] { 24, 3 });

            migrationBuilder.CreateIndex(
                name: "ix_tag_scans_member_id_scanned_at",
                table: "tag_scans",
                columns: new[] { "member_id", "scanned_at" },
                filter: "member_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_scan_alert_settings_positive",
                table: "scan_alert_settings",
                sql: "cloned_label_visitors > 0 AND unknown_serial_scans > 0 AND wrong_codes_per_tag > 0 AND repeat_buyer_items > 0 AND repeat_buyer_hours > 0");

            migrationBuilder.CreateIndex(
                name: "ix_sale_suspicions_open",
                table: "sale_suspicions",
                column: "sale_id",
                filter: "reviewed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_sale_suspicions_reviewed_by",
                table: "sale_suspicions",
                column: "reviewed_by");

            migrationBuilder.CreateIndex(
                name: "ix_tag_wrong_code_windows_window_start",
                table: "tag_wrong_code_windows",
                column: "window_start");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sale_suspicions");

            migrationBuilder.DropTable(
                name: "tag_wrong_code_windows");

            migrationBuilder.DropIndex(
                name: "ix_tag_scans_member_id_scanned_at",
                table: "tag_scans");

            migrationBuilder.DropCheckConstraint(
                name: "ck_scan_alert_settings_positive",
                table: "scan_alert_settings");

            migrationBuilder.DropColumn(
                name: "repeat_buyer_hours",
                table: "scan_alert_settings");

            migrationBuilder.DropColumn(
                name: "repeat_buyer_items",
                table: "scan_alert_settings");

            migrationBuilder.AddCheckConstraint(
                name: "ck_scan_alert_settings_positive",
                table: "scan_alert_settings",
                sql: "cloned_label_visitors > 0 AND unknown_serial_scans > 0 AND wrong_codes_per_tag > 0");
        }
    }
}
