using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ShopChangeRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "shop_change_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    seller_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_shop_id = table.Column<int>(type: "integer", nullable: false),
                    to_shop_id = table.Column<int>(type: "integer", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shop_change_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_shop_change_requests_members_seller_id",
                        column: x => x.seller_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_shop_change_requests_shops_from_shop_id",
                        column: x => x.from_shop_id,
                        principalTable: "shops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_shop_change_requests_shops_to_shop_id",
                        column: x => x.to_shop_id,
                        principalTable: "shops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_shop_change_requests_from_shop_id",
                table: "shop_change_requests",
                column: "from_shop_id");

            migrationBuilder.CreateIndex(
                name: "ix_shop_change_requests_seller_id",
                table: "shop_change_requests",
                column: "seller_id",
                unique: true,
                filter: "state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_shop_change_requests_to_shop_id",
                table: "shop_change_requests",
                column: "to_shop_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "shop_change_requests");
        }
    }
}
