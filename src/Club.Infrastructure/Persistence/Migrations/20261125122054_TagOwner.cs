using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TagOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "owner_member_id",
                table: "tags",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "registered_at",
                table: "tags",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tags_owner_member_id",
                table: "tags",
                column: "owner_member_id",
                filter: "owner_member_id IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tags_registered_owner",
                table: "tags",
                sql: "(state = 2) = (owner_member_id IS NOT NULL AND registered_at IS NOT NULL)");

            migrationBuilder.AddForeignKey(
                name: "fk_tags_members_owner_member_id",
                table: "tags",
                column: "owner_member_id",
                principalTable: "members",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tags_members_owner_member_id",
                table: "tags");

            migrationBuilder.DropIndex(
                name: "ix_tags_owner_member_id",
                table: "tags");

            migrationBuilder.DropCheckConstraint(
                name: "ck_tags_registered_owner",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "owner_member_id",
                table: "tags");

            migrationBuilder.DropColumn(
                name: "registered_at",
                table: "tags");
        }
    }
}
