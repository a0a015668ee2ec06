using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PublicTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "tier_level",
                table: "news_items",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "member_tier_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_level = table.Column<int>(type: "integer", nullable: false),
                    to_level = table.Column<int>(type: "integer", nullable: false),
                    figure = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_tier_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_member_tier_changes_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "member_tiers",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    downgrade_on = table.Column<DateOnly>(type: "date", nullable: true),
                    warned_for = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_tiers", x => x.member_id);
                    table.ForeignKey(
                        name: "fk_member_tiers_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tier_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    measure = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tier_settings", x => x.id);
                    table.CheckConstraint("ck_tier_settings_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "tiers",
                columns: table => new
                {
                    level = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name_en = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    multiplier = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tiers", x => x.level);
                    table.CheckConstraint("ck_tiers_level", "level BETWEEN 1 AND 5");
                    table.CheckConstraint("ck_tiers_multiplier", "multiplier >= 1 AND multiplier <= 5");
                    table.CheckConstraint("ck_tiers_threshold", "threshold > 0 AND threshold <= 10000000");
                });

            migrationBuilder.InsertData(
                table: "tier_settings",
                columns: new[] { "id", "measure", "updated_at", "updated_by" },
                values: new object[] { 1, "PointsEarned", null, null });

            migrationBuilder.InsertData(
                table: "tiers",
                columns: new[] { "level", "multiplier", "name", "name_en", "threshold" },
                values: new object[,]
                {
                    { 1, 1m, "Аквамарин", "Aquamarine", 500 },
                    { 2, 1.1m, "Сапфир", "Sapphire", 2000 },
                    { 3, 1.25m, "Бриллиант", "Diamond", 5000 }
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_news_items_tier",
                table: "news_items",
                sql: "(audience = 'Tier') = (tier_level IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_member_tier_changes_member_id_changed_at",
                table: "member_tier_changes",
                columns: new[] { "member_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_member_tiers_level",
                table: "member_tiers",
                column: "level");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_tier_changes");

            migrationBuilder.DropTable(
                name: "member_tiers");

            migrationBuilder.DropTable(
                name: "tier_settings");

            migrationBuilder.DropTable(
                name: "tiers");

            migrationBuilder.DropCheckConstraint(
                name: "ck_news_items_tier",
                table: "news_items");

            migrationBuilder.DropColumn(
                name: "tier_level",
                table: "news_items");
        }
    }
}
