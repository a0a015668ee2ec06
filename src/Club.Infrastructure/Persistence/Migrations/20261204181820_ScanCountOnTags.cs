using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScanCountOnTags : Migration
    {
        // HAND-WRITTEN SQL: the counts move onto the tags. The update leaves a dead version of every counted tag
        // behind; CompactTags, the next migration, rewrites the table without them (a rewrite in this transaction
        // would have to keep them).
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "scan_count",
                table: "tags",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterTable(
                name: "tags")
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.Sql("""
                UPDATE tags t SET scan_count = c.scans FROM tag_scan_counts c WHERE c.tag_id = t.id
                """);

            migrationBuilder.DropTable(
                name: "tag_scan_counts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
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
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.Sql("""
                INSERT INTO tag_scan_counts (tag_id, scans) SELECT id, scan_count FROM tags WHERE scan_count > 0
                """);

            migrationBuilder.DropColumn(
                name: "scan_count",
                table: "tags");

            migrationBuilder.AlterTable(
                name: "tags")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 90);
        }
    }
}
