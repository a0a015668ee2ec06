using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CollectorStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collector_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    threshold = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    multiplier = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: false),
                    coupon_percents = table.Column<int[]>(type: "integer[]", nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collector_settings", x => x.id);
                    table.CheckConstraint("ck_collector_settings_multiplier", "multiplier >= 1 AND multiplier <= 5");
                    table.CheckConstraint("ck_collector_settings_singleton", "id = 1");
                    table.CheckConstraint("ck_collector_settings_threshold", "threshold > 0 AND threshold <= 100000000");
                });

            migrationBuilder.CreateTable(
                name: "collector_statuses",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    value = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collector_statuses", x => new { x.member_id, x.year });
                    table.CheckConstraint("ck_collector_statuses_period", "valid_until > valid_from");
                    table.ForeignKey(
                        name: "fk_collector_statuses_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "collector_coupons",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    percent = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    redeemed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    redeemed_partner_id = table.Column<int>(type: "integer", nullable: true),
                    redeemed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    redeemed_api_key_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collector_coupons", x => x.id);
                    table.CheckConstraint("ck_collector_coupons_percent", "percent BETWEEN 1 AND 90");
                    table.ForeignKey(
                        name: "fk_collector_coupons_api_keys_redeemed_api_key_id",
                        column: x => x.redeemed_api_key_id,
                        principalTable: "api_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_collector_coupons_collector_statuses_member_id_year",
                        columns: x => new { x.member_id, x.year },
                        principalTable: "collector_statuses",
                        principalColumns: new[] { "member_id", "year" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_collector_coupons_members_redeemed_by",
                        column: x => x.redeemed_by,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_collector_coupons_partners_redeemed_partner_id",
                        column: x => x.redeemed_partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "collector_settings",
                columns: new[] { "id", "coupon_percents", "enabled", "multiplier", "name", "name_en", "threshold", "updated_at", "updated_by" },
                values: new object[] { 1, new[] { 24, 6 }, true, 1.5m, "Коллекционер", "Collector", 12000m, null, null });

            migrationBuilder.CreateIndex(
                name: "ix_collector_coupons_code",
                table: "collector_coupons",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collector_coupons_member_id_year_position",
                table: "collector_coupons",
                columns: new[] { "member_id", "year", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collector_coupons_redeemed_api_key_id",
                table: "collector_coupons",
                column: "redeemed_api_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_collector_coupons_redeemed_by",
                table: "collector_coupons",
                column: "redeemed_by");

            migrationBuilder.CreateIndex(
                name: "ix_collector_coupons_redeemed_partner_id",
                table: "collector_coupons",
                column: "redeemed_partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_collector_statuses_year",
                table: "collector_statuses",
                column: "year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collector_coupons");

            migrationBuilder.DropTable(
                name: "collector_settings");

            migrationBuilder.DropTable(
                name: "collector_statuses");
        }
    }
}
