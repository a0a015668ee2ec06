using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PartnerReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sales_partner_id_recorded_at",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_points_entries_member_id_created_at",
                table: "points_entries");

            migrationBuilder.AlterTable(
                name: "sales")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.02)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.02);

            migrationBuilder.AlterTable(
                name: "points_entries")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.01);

            migrationBuilder.CreateIndex(
                name: "ix_sales_partner_id_recorded_at",
                table: "sales",
                columns: new[] { "partner_id", "recorded_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "tag_id", "seller_id", "shop_id", "state", "confirmed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_member_id_created_at",
                table: "points_entries",
                columns: new[] { "member_id", "created_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sales_partner_id_recorded_at",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_points_entries_member_id_created_at",
                table: "points_entries");

            migrationBuilder.AlterTable(
                name: "sales")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.02)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.02);

            migrationBuilder.AlterTable(
                name: "points_entries")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.01);

            migrationBuilder.CreateIndex(
                name: "ix_sales_partner_id_recorded_at",
                table: "sales",
                columns: new[] { "partner_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_member_id_created_at",
                table: "points_entries",
                columns: new[] { "member_id", "created_at" });
        }
    }
}
