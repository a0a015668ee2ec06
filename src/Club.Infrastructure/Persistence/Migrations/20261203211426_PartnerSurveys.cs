using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PartnerSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_surveys_target",
                table: "surveys");

            migrationBuilder.AddCheckConstraint(
                name: "ck_surveys_partner_buyers_points",
                table: "surveys",
                sql: "target <> 'PartnerBuyers' OR points = 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_surveys_target",
                table: "surveys",
                sql: "(target IN ('PartnerPeople', 'PartnerBuyers')) = (partner_id IS NOT NULL) AND (target = 'BuyersAfterItem') = (days_after_item IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_surveys_partner_buyers_points",
                table: "surveys");

            migrationBuilder.DropCheckConstraint(
                name: "ck_surveys_target",
                table: "surveys");

            migrationBuilder.AddCheckConstraint(
                name: "ck_surveys_target",
                table: "surveys",
                sql: "(target = 'PartnerPeople') = (partner_id IS NOT NULL) AND (target = 'BuyersAfterItem') = (days_after_item IS NOT NULL)");
        }
    }
}
