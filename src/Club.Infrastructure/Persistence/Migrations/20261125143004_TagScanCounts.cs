using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TagScanCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tag_scan_counts",
                columns: table => new
                {
                    tag_id = table.Column<long>(type: "bigint", nullable: false),
                    scans = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_scan_counts", x => x.tag_id);
                });

            // Views logged before the counts existed.
            migrationBuilder.Sql(
                "INSERT INTO tag_scan_counts (tag_id, scans) SELECT tag_id, count(*) FROM tag_scans WHERE tag_id IS NOT NULL GROUP BY tag_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tag_scan_counts");
        }
    }
}
