using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GiftCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "gifts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    collection = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    stock = table.Column<int>(type: "integer", nullable: false),
                    audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    partner_id = table.Column<int>(type: "integer", nullable: true),
                    visible_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    visible_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    photo_version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gifts", x => x.id);
                    table.CheckConstraint("ck_gifts_points_positive", "points > 0");
                    table.CheckConstraint("ck_gifts_stock_not_negative", "stock >= 0");
                    table.ForeignKey(
                        name: "fk_gifts_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gift_orders",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    gift_id = table.Column<int>(type: "integer", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_key = table.Column<Guid>(type: "uuid", nullable: false),
                    gift_title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    delivery = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    shop_id = table.Column<int>(type: "integer", nullable: true),
                    tracking_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    refund_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gift_orders", x => x.id);
                    table.CheckConstraint("ck_gift_orders_delivery", "(delivery = 'Post' AND address IS NOT NULL) OR (delivery = 'Pickup' AND shop_id IS NOT NULL)");
                    table.CheckConstraint("ck_gift_orders_points_positive", "points > 0");
                    table.ForeignKey(
                        name: "fk_gift_orders_gifts_gift_id",
                        column: x => x.gift_id,
                        principalTable: "gifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_orders_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_gift_orders_shops_shop_id",
                        column: x => x.shop_id,
                        principalTable: "shops",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "gift_photos",
                columns: table => new
                {
                    gift_id = table.Column<int>(type: "integer", nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gift_photos", x => x.gift_id);
                    table.ForeignKey(
                        name: "fk_gift_photos_gifts_gift_id",
                        column: x => x.gift_id,
                        principalTable: "gifts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "gift_order_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    order_id = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gift_order_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_gift_order_events_gift_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "gift_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_gift_order_events_order_id_status",
                table: "gift_order_events",
                columns: new[] { "order_id", "status" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gift_orders_gift_id",
                table: "gift_orders",
                column: "gift_id");

            migrationBuilder.CreateIndex(
                name: "ix_gift_orders_member_id_order_key",
                table: "gift_orders",
                columns: new[] { "member_id", "order_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_gift_orders_shop_id",
                table: "gift_orders",
                column: "shop_id");

            migrationBuilder.CreateIndex(
                name: "ix_gift_orders_status_placed_at",
                table: "gift_orders",
                columns: new[] { "status", "placed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_gifts_partner_id",
                table: "gifts",
                column: "partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_gifts_state_points",
                table: "gifts",
                columns: new[] { "state", "points" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "gift_order_events");

            migrationBuilder.DropTable(
                name: "gift_photos");

            migrationBuilder.DropTable(
                name: "gift_orders");

            migrationBuilder.DropTable(
                name: "gifts");
        }
    }
}
