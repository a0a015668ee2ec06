using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SellerActivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "consented_at",
                table: "members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "position",
                table: "members",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "seller_status",
                table: "members",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            // Sellers who signed up before activation existed were already working: they stay active.
            migrationBuilder.Sql("""
                UPDATE members SET seller_status = 'Active'
                WHERE id IN (SELECT ur.user_id FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE r.name = 'Seller')
                """);

            migrationBuilder.CreateTable(
                name: "seller_decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    seller_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seller_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_seller_decisions_members_decided_by",
                        column: x => x.decided_by,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_seller_decisions_members_seller_id",
                        column: x => x.seller_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_members_seller_status_joined_at",
                table: "members",
                columns: new[] { "seller_status", "joined_at" },
                filter: "seller_status IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_seller_decisions_decided_by",
                table: "seller_decisions",
                column: "decided_by");

            migrationBuilder.CreateIndex(
                name: "ix_seller_decisions_seller_id_decided_at",
                table: "seller_decisions",
                columns: new[] { "seller_id", "decided_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "seller_decisions");

            migrationBuilder.DropIndex(
                name: "ix_members_seller_status_joined_at",
                table: "members");

            migrationBuilder.DropColumn(
                name: "consented_at",
                table: "members");

            migrationBuilder.DropColumn(
                name: "position",
                table: "members");

            migrationBuilder.DropColumn(
                name: "seller_status",
                table: "members");
        }
    }
}
