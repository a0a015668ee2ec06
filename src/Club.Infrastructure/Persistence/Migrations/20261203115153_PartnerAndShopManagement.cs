using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PartnerAndShopManagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_active",
                table: "shops",
                type: "boolean",
                nullable: false,
                // Partners and shops that exist already are open.
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "shops",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "shops",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<string>(
                name: "contact",
                table: "partners",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_active",
                table: "partners",
                type: "boolean",
                nullable: false,
                // Partners and shops that exist already are open.
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "legal_name",
                table: "partners",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "partners",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_active",
                table: "shops");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "shops");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "shops");

            migrationBuilder.DropColumn(
                name: "contact",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "is_active",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "legal_name",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "partners");
        }
    }
}
