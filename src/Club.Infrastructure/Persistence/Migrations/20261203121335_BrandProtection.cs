using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BrandProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tag_reports_resolved_created_at",
                table: "tag_reports");

            migrationBuilder.AddColumn<string>(
                name: "unknown_serial",
                table: "tag_scans",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "tag_id",
                table: "tag_reports",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<DateOnly>(
                name: "bought_on",
                table: "tag_reports",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bought_where",
                table: "tag_reports",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "price_paid",
                table: "tag_reports",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "replied_at",
                table: "tag_reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reply",
                table: "tag_reports",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "shop",
                table: "tag_reports",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "staff_notes",
                table: "tag_reports",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "status",
                table: "tag_reports",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddColumn<string>(
                name: "unknown_serial",
                table: "tag_reports",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "tag_reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "item_losses",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tag_id = table.Column<long>(type: "bigint", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    lost_on = table.Column<DateOnly>(type: "date", nullable: false),
                    police_report = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cleared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_item_losses", x => x.id);
                    table.ForeignKey(
                        name: "fk_item_losses_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_item_losses_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "item_transfer_codes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tag_id = table.Column<long>(type: "bigint", nullable: false),
                    from_member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    used_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_item_transfer_codes", x => x.id);
                    table.ForeignKey(
                        name: "fk_item_transfer_codes_members_from_member_id",
                        column: x => x.from_member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_item_transfer_codes_members_used_by",
                        column: x => x.used_by,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_item_transfer_codes_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scan_alert_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    cloned_label_visitors = table.Column<int>(type: "integer", nullable: false),
                    unknown_serial_scans = table.Column<int>(type: "integer", nullable: false),
                    wrong_codes_per_tag = table.Column<int>(type: "integer", nullable: false),
                    daily_digest = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scan_alert_settings", x => x.id);
                    table.CheckConstraint("ck_scan_alert_settings_positive", "cloned_label_visitors > 0 AND unknown_serial_scans > 0 AND wrong_codes_per_tag > 0");
                    table.CheckConstraint("ck_scan_alert_settings_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "scan_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    subject = table.Column<long>(type: "bigint", nullable: false),
                    partner_id = table.Column<int>(type: "integer", nullable: true),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<Guid>(type: "uuid", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scan_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_scan_alerts_members_acknowledged_by",
                        column: x => x.acknowledged_by,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_scan_alerts_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "tag_report_photos",
                columns: table => new
                {
                    report_id = table.Column<long>(type: "bigint", nullable: false),
                    content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_report_photos", x => x.report_id);
                    table.ForeignKey(
                        name: "fk_tag_report_photos_tag_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "tag_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "unknown_serials",
                columns: table => new
                {
                    serial = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    well_formed = table.Column<bool>(type: "boolean", nullable: false),
                    scans = table.Column<long>(type: "bigint", nullable: false),
                    visitors = table.Column<long>(type: "bigint", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_unknown_serials", x => x.serial);
                });

            migrationBuilder.InsertData(
                table: "scan_alert_settings",
                columns: new[] { "id", "cloned_label_visitors", "daily_digest", "unknown_serial_scans", "wrong_codes_per_tag" },
                values: new object[] { 1, 10, true, 20, 5 });

            migrationBuilder.CreateIndex(
                name: "ix_tag_scans_scanned_at",
                table: "tag_scans",
                column: "scanned_at");

            migrationBuilder.CreateIndex(
                name: "ix_tag_reports_status_created_at",
                table: "tag_reports",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_item_losses_member_id",
                table: "item_losses",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ux_item_losses_open",
                table: "item_losses",
                column: "tag_id",
                unique: true,
                filter: "cleared_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_item_transfer_codes_from_member_id",
                table: "item_transfer_codes",
                column: "from_member_id");

            migrationBuilder.CreateIndex(
                name: "ix_item_transfer_codes_used_by",
                table: "item_transfer_codes",
                column: "used_by");

            migrationBuilder.CreateIndex(
                name: "ux_item_transfer_codes_open",
                table: "item_transfer_codes",
                column: "tag_id",
                unique: true,
                filter: "cancelled_at IS NULL AND used_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_scan_alerts_acknowledged_by",
                table: "scan_alerts",
                column: "acknowledged_by");

            migrationBuilder.CreateIndex(
                name: "ix_scan_alerts_created_at",
                table: "scan_alerts",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_scan_alerts_partner_id",
                table: "scan_alerts",
                column: "partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_scan_alerts_rule_subject_window_start",
                table: "scan_alerts",
                columns: new[] { "rule", "subject", "window_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_unknown_serials_scans",
                table: "unknown_serials",
                column: "scans");

            // Reports closed before statuses existed stay closed.
            migrationBuilder.Sql("UPDATE tag_reports SET status = 2 WHERE resolved");
            migrationBuilder.DropColumn(
                name: "resolved",
                table: "tag_reports");

            // Who scanned an unknown serial, one row per serial and daily visitor hash, only so the
            // writer can count distinct visitors in unknown_serials.visitors. No entity reads it.
            migrationBuilder.Sql("""
                CREATE TABLE unknown_serial_visitors (
                    serial varchar(32) NOT NULL,
                    client_hash bytea NOT NULL,
                    PRIMARY KEY (serial, client_hash))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE unknown_serial_visitors");

            migrationBuilder.DropTable(
                name: "item_losses");

            migrationBuilder.DropTable(
                name: "item_transfer_codes");

            migrationBuilder.DropTable(
                name: "scan_alert_settings");

            migrationBuilder.DropTable(
                name: "scan_alerts");

            migrationBuilder.DropTable(
                name: "tag_report_photos");

            migrationBuilder.DropTable(
                name: "unknown_serials");

            migrationBuilder.DropIndex(
                name: "ix_tag_scans_scanned_at",
                table: "tag_scans");

            migrationBuilder.DropIndex(
                name: "ix_tag_reports_status_created_at",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "unknown_serial",
                table: "tag_scans");

            migrationBuilder.DropColumn(
                name: "bought_on",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "bought_where",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "price_paid",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "replied_at",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "reply",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "shop",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "staff_notes",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "status",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "unknown_serial",
                table: "tag_reports");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "tag_reports");

            migrationBuilder.AlterColumn<long>(
                name: "tag_id",
                table: "tag_reports",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "resolved",
                table: "tag_reports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_tag_reports_resolved_created_at",
                table: "tag_reports",
                columns: new[] { "resolved", "created_at" });
        }
    }
}
