using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PartnerSelfServiceAndContests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "sellers_activated_by_partner",
                table: "partners",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "drawn_at",
                table: "contests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "entry_kind",
                table: "contests",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Join");

            migrationBuilder.AddColumn<int>(
                name: "partner_id",
                table: "contests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "prize",
                table: "contests",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "seed",
                table: "contests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "seed_hash",
                table: "contests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "selection",
                table: "contests",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Staff");

            migrationBuilder.AddColumn<int>(
                name: "winner_count",
                table: "contests",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<byte[]>(
                name: "photo",
                table: "contest_entries",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "photo_content_type",
                table: "contest_entries",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "text",
                table: "contest_entries",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_contests_partner_id",
                table: "contests",
                column: "partner_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_contests_draw_seed",
                table: "contests",
                sql: "selection <> 'Draw' OR (seed IS NOT NULL AND seed_hash IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_contests_seed_hash",
                table: "contests",
                sql: "seed IS NULL OR seed_hash = encode(sha256(decode(seed, 'hex')), 'hex')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_contests_winner_count",
                table: "contests",
                sql: "winner_count BETWEEN 1 AND 100");

            migrationBuilder.AddForeignKey(
                name: "fk_contests_partners_partner_id",
                table: "contests",
                column: "partner_id",
                principalTable: "partners",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql(ContestSeedSchema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ContestSeedSchema.Drop);

            migrationBuilder.DropForeignKey(
                name: "fk_contests_partners_partner_id",
                table: "contests");

            migrationBuilder.DropIndex(
                name: "ix_contests_partner_id",
                table: "contests");

            migrationBuilder.DropCheckConstraint(
                name: "ck_contests_draw_seed",
                table: "contests");

            migrationBuilder.DropCheckConstraint(
                name: "ck_contests_seed_hash",
                table: "contests");

            migrationBuilder.DropCheckConstraint(
                name: "ck_contests_winner_count",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "sellers_activated_by_partner",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "drawn_at",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "entry_kind",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "partner_id",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "prize",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "seed",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "seed_hash",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "selection",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "winner_count",
                table: "contests");

            migrationBuilder.DropColumn(
                name: "photo",
                table: "contest_entries");

            migrationBuilder.DropColumn(
                name: "photo_content_type",
                table: "contest_entries");

            migrationBuilder.DropColumn(
                name: "text",
                table: "contest_entries");
        }
    }
}
