using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CompactTags : Migration
    {
        // HAND-WRITTEN SQL: rewrites tags without the row versions ScanCountOnTags left behind, every page with the
        // tenth free that keeps a count's update HOT. CLUSTER, not VACUUM FULL, because it may run in the migration's
        // transaction. At 50 million tags this takes minutes under an exclusive lock (docs/operations.md).
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CLUSTER tags USING pk_tags");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE tags SET WITHOUT CLUSTER");
        }
    }
}
