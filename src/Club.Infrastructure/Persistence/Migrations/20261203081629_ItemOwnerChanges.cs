using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ItemOwnerChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "item_owner_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tag_id = table.Column<long>(type: "bigint", nullable: false),
                    from_member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    points_moved = table.Column<int>(type: "integer", nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_item_owner_changes", x => x.id);
                    table.CheckConstraint("ck_item_owner_changes_points_moved", "points_moved >= 0");
                    table.ForeignKey(
                        name: "fk_item_owner_changes_members_changed_by",
                        column: x => x.changed_by,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_item_owner_changes_members_from_member_id",
                        column: x => x.from_member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_item_owner_changes_members_to_member_id",
                        column: x => x.to_member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_item_owner_changes_tags_tag_id",
                        column: x => x.tag_id,
                        principalTable: "tags",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_item_owner_changes_changed_by",
                table: "item_owner_changes",
                column: "changed_by");

            migrationBuilder.CreateIndex(
                name: "ix_item_owner_changes_from_member_id",
                table: "item_owner_changes",
                column: "from_member_id");

            migrationBuilder.CreateIndex(
                name: "ix_item_owner_changes_tag_id_changed_at",
                table: "item_owner_changes",
                columns: new[] { "tag_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_item_owner_changes_to_member_id",
                table: "item_owner_changes",
                column: "to_member_id",
                filter: "to_member_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "item_owner_changes");
        }
    }
}
