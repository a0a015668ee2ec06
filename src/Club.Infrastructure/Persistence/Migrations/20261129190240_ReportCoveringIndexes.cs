using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReportCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (sql, suppressTransaction) in CoveringReportIndexes.Up())
            {
                migrationBuilder.Sql(sql, suppressTransaction);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing: the covering indexes keep the plain ones' names, and the previous migration's Down
            // puts the plain ones back.
        }
    }
}
