using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeaderboardPrizes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "leaderboard_months",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    partner_id = table.Column<int>(type: "integer", nullable: true),
                    frozen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    prize_contest_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leaderboard_months", x => x.id);
                    table.ForeignKey(
                        name: "fk_leaderboard_months_contests_prize_contest_id",
                        column: x => x.prize_contest_id,
                        principalTable: "contests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leaderboard_months_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leaderboard_standings",
                columns: table => new
                {
                    board_id = table.Column<int>(type: "integer", nullable: false),
                    seller_id = table.Column<Guid>(type: "uuid", nullable: false),
                    place = table.Column<int>(type: "integer", nullable: false),
                    sales = table.Column<int>(type: "integer", nullable: false),
                    points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leaderboard_standings", x => new { x.board_id, x.seller_id });
                    table.ForeignKey(
                        name: "fk_leaderboard_standings_leaderboard_months_board_id",
                        column: x => x.board_id,
                        principalTable: "leaderboard_months",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_leaderboard_standings_members_seller_id",
                        column: x => x.seller_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_months_month_partner_id",
                table: "leaderboard_months",
                columns: new[] { "month", "partner_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_months_partner_id",
                table: "leaderboard_months",
                column: "partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_months_prize_contest_id",
                table: "leaderboard_months",
                column: "prize_contest_id");

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_standings_board_id_place",
                table: "leaderboard_standings",
                columns: new[] { "board_id", "place" });

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_standings_seller_id",
                table: "leaderboard_standings",
                column: "seller_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "leaderboard_standings");

            migrationBuilder.DropTable(
                name: "leaderboard_months");
        }
    }
}
