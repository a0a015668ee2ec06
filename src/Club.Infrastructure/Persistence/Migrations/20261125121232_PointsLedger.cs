using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PointsLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "points_balances",
                columns: table => new
                {
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    balance = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_balances", x => x.member_id);
                    table.CheckConstraint("ck_points_balances_not_negative", "balance >= 0");
                    table.ForeignKey(
                        name: "fk_points_balances_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "points_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    reference_type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    reference_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_entries", x => x.id);
                    table.CheckConstraint("ck_points_entries_amount_not_zero", "amount <> 0");
                    table.ForeignKey(
                        name: "fk_points_entries_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "points_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    product_id = table.Column<int>(type: "integer", nullable: true),
                    collection = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    points = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_rules", x => x.id);
                    table.CheckConstraint("ck_points_rules_points", "points BETWEEN 0 AND 100000");
                    table.CheckConstraint("ck_points_rules_target", "(kind = 'Product' AND product_id IS NOT NULL AND collection IS NULL) OR (kind = 'Collection' AND product_id IS NULL AND collection IS NOT NULL) OR (kind = 'FirstItemBonus' AND product_id IS NULL AND collection IS NULL)");
                    table.ForeignKey(
                        name: "fk_points_rules_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "points_lots",
                columns: table => new
                {
                    entry_id = table.Column<long>(type: "bigint", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<int>(type: "integer", nullable: false),
                    remaining = table.Column<int>(type: "integer", nullable: false),
                    earned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_lots", x => x.entry_id);
                    table.CheckConstraint("ck_points_lots_amount_positive", "amount > 0");
                    table.CheckConstraint("ck_points_lots_remaining", "remaining BETWEEN 0 AND amount");
                    table.ForeignKey(
                        name: "fk_points_lots_points_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "points_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "points_rules",
                columns: new[] { "id", "collection", "kind", "points", "product_id", "updated_at", "updated_by" },
                values: new object[] { 1, null, "FirstItemBonus", 300, null, new DateTimeOffset(new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "initial rules" });

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_idempotency_key",
                table: "points_entries",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_member_id_created_at",
                table: "points_entries",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_lots_member_id_expires_at",
                table: "points_lots",
                columns: new[] { "member_id", "expires_at" },
                filter: "remaining > 0");

            migrationBuilder.CreateIndex(
                name: "ix_points_rules_kind_product_id_collection",
                table: "points_rules",
                columns: new[] { "kind", "product_id", "collection" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_points_rules_product_id",
                table: "points_rules",
                column: "product_id");

            // The ledger is append-only: corrections are new entries, so history can always be audited.
            migrationBuilder.Sql("""
                CREATE FUNCTION points_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'points_entries is append-only; post a correcting entry instead';
                END $$;
                CREATE TRIGGER points_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON points_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION points_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS points_entries_append_only ON points_entries;
                DROP FUNCTION IF EXISTS points_entries_append_only();
                """);

            migrationBuilder.DropTable(
                name: "points_balances");

            migrationBuilder.DropTable(
                name: "points_lots");

            migrationBuilder.DropTable(
                name: "points_rules");

            migrationBuilder.DropTable(
                name: "points_entries");
        }
    }
}
