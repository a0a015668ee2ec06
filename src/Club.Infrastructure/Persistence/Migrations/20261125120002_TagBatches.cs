using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TagBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tag_batches",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    product_id = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    first_tag_id = table.Column<long>(type: "bigint", nullable: false),
                    partner_id = table.Column<int>(type: "integer", nullable: true),
                    template_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    printed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    shipped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    activated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    voided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_batches", x => x.id);
                    table.CheckConstraint("ck_tag_batches_first_tag_id", "first_tag_id >= 1");
                    table.CheckConstraint("ck_tag_batches_quantity", "quantity BETWEEN 1 AND 1000000");
                    table.ForeignKey(
                        name: "fk_tag_batches_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_tag_batches_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tag_id_allocator",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    next_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_id_allocator", x => x.id);
                    table.CheckConstraint("ck_tag_id_allocator_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    batch_id = table.Column<int>(type: "integer", nullable: false),
                    scratch_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    state = table.Column<short>(type: "smallint", nullable: false),
                    failed_attempts = table.Column<short>(type: "smallint", nullable: false),
                    voided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags", x => x.id);
                    table.CheckConstraint("ck_tags_failed_attempts", "failed_attempts >= 0");
                    table.CheckConstraint("ck_tags_scratch_hash_length", "octet_length(scratch_hash) = 32");
                });

            migrationBuilder.InsertData(
                table: "tag_id_allocator",
                columns: new[] { "id", "next_id" },
                values: new object[] { 1, 1L });

            migrationBuilder.CreateIndex(
                name: "ix_tag_batches_created_at",
                table: "tag_batches",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_tag_batches_first_tag_id",
                table: "tag_batches",
                column: "first_tag_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tag_batches_partner_id",
                table: "tag_batches",
                column: "partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_tag_batches_product_id",
                table: "tag_batches",
                column: "product_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tag_batches");

            migrationBuilder.DropTable(
                name: "tag_id_allocator");

            migrationBuilder.DropTable(
                name: "tags");
        }
    }
}
