using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WelcomeBonus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "welcome_bonus_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    lifetime_months = table.Column<int>(type: "integer", nullable: false),
                    paid_when = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text_ru = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    text_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    enabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_welcome_bonus_settings", x => x.id);
                    table.CheckConstraint("ck_welcome_bonus_settings_lifetime", "lifetime_months BETWEEN 1 AND 12");
                    table.CheckConstraint("ck_welcome_bonus_settings_singleton", "id = 1");
                });

            migrationBuilder.InsertData(
                table: "welcome_bonus_settings",
                columns: new[] { "id", "enabled", "enabled_at", "lifetime_months", "paid_when", "points", "text_en", "text_ru", "updated_at", "updated_by" },
                values: new object[] { 1, false, null, 1, "PhoneConfirmed", 0, null, null, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "welcome_bonus_settings");
        }
    }
}
