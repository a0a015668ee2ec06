using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class JobsAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "points_balances")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.Sql(JobsSchema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JobsSchema.Drop);

            migrationBuilder.AlterTable(
                name: "points_balances")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
