using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PartnerCourses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "partner_id",
                table: "courses",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_courses_partner_id",
                table: "courses",
                column: "partner_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_courses_partner_points",
                table: "courses",
                sql: "partner_id IS NULL OR (completion_points = 0 AND test_points = 0)");

            migrationBuilder.AddForeignKey(
                name: "fk_courses_partners_partner_id",
                table: "courses",
                column: "partner_id",
                principalTable: "partners",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_courses_partners_partner_id",
                table: "courses");

            migrationBuilder.DropIndex(
                name: "ix_courses_partner_id",
                table: "courses");

            migrationBuilder.DropCheckConstraint(
                name: "ck_courses_partner_points",
                table: "courses");

            migrationBuilder.DropColumn(
                name: "partner_id",
                table: "courses");
        }
    }
}
