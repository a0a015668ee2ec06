using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PointsPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "points_policy",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    lifetime_months = table.Column<int>(type: "integer", nullable: false),
                    expiry_reminder_days = table.Column<int>(type: "integer", nullable: false),
                    birthday_quiet_days = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_policy", x => x.id);
                    table.CheckConstraint("ck_points_policy_lifetime", "lifetime_months BETWEEN 0 AND 120");
                    table.CheckConstraint("ck_points_policy_quiet", "birthday_quiet_days BETWEEN 0 AND 366");
                    table.CheckConstraint("ck_points_policy_reminder", "expiry_reminder_days BETWEEN 0 AND 90");
                    table.CheckConstraint("ck_points_policy_singleton", "id = 1");
                });

            migrationBuilder.InsertData(
                table: "points_policy",
                columns: new[] { "id", "birthday_quiet_days", "expiry_reminder_days", "lifetime_months", "updated_at", "updated_by" },
                values: new object[] { 1, 30, 10, 12, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "points_policy");
        }
    }
}
