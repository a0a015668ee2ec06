using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PointsAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "points_adjustments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    show_comment = table.Column<bool>(type: "boolean", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_points_adjustments", x => x.id);
                    table.CheckConstraint("ck_points_adjustments_amount", "amount <> 0 AND abs(amount) <= 1000000");
                    table.ForeignKey(
                        name: "fk_points_adjustments_members_decided_by",
                        column: x => x.decided_by,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_points_adjustments_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_points_adjustments_members_requested_by",
                        column: x => x.requested_by,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_points_adjustments_awaiting",
                table: "points_adjustments",
                column: "requested_at",
                filter: "state = 'AwaitingApproval'");

            migrationBuilder.CreateIndex(
                name: "ix_points_adjustments_decided_by",
                table: "points_adjustments",
                column: "decided_by");

            migrationBuilder.CreateIndex(
                name: "ix_points_adjustments_member_id_requested_at",
                table: "points_adjustments",
                columns: new[] { "member_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_adjustments_requested_by",
                table: "points_adjustments",
                column: "requested_by");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "points_adjustments");
        }
    }
}
