using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TrainingFilesReportIndexesJobRanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_questions_course_id",
                table: "questions");

            migrationBuilder.DropIndex(
                name: "ix_lessons_course_id_position",
                table: "lessons");

            migrationBuilder.AlterTable(
                name: "sales")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.02)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.02);

            migrationBuilder.AlterTable(
                name: "points_entries")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.01);

            migrationBuilder.AlterTable(
                name: "points_balances")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "changed_at",
                table: "questions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "position",
                table: "questions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "removed_at",
                table: "questions",
                type: "timestamp with time zone",
                nullable: true);

            // Hand-written: unique positions before the unique indexes below (see TrainingOrderSchema).
            migrationBuilder.Sql(TrainingOrderSchema.Number);

            migrationBuilder.CreateTable(
                name: "lesson_files",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lesson_id = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    length = table.Column<int>(type: "integer", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lesson_files", x => x.id);
                    table.CheckConstraint("ck_lesson_files_length", "length = octet_length(content)");
                    table.ForeignKey(
                        name: "fk_lesson_files_lessons_lesson_id",
                        column: x => x.lesson_id,
                        principalTable: "lessons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

                        migrationBuilder.CreateIndex(
                name: "ix_questions_course_id_position",
                table: "questions",
                columns: new[] { "course_id", "position" },
                unique: true);

                        migrationBuilder.CreateIndex(
                name: "ix_lessons_course_id_position",
                table: "lessons",
                columns: new[] { "course_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_lesson_files_lesson_id",
                table: "lesson_files",
                column: "lesson_id");

            migrationBuilder.Sql(ProductPointsView.Create);
            migrationBuilder.Sql(JobsSchema.Create);

            // The report's covering indexes (in the model from here on) are built by the next migration,
            // ReportCoveringIndexes, outside any transaction.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ProductPointsView.Drop);
            migrationBuilder.Sql(JobsSchema.Drop);

            migrationBuilder.DropTable(
                name: "lesson_files");

            migrationBuilder.DropIndex(
                name: "ix_sales_partner_id_recorded_at",
                table: "sales");

            migrationBuilder.DropIndex(
                name: "ix_questions_course_id_position",
                table: "questions");

            migrationBuilder.DropIndex(
                name: "ix_points_entries_member_id_created_at",
                table: "points_entries");

            migrationBuilder.DropIndex(
                name: "ix_lessons_course_id_position",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "changed_at",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "position",
                table: "questions");

            migrationBuilder.DropColumn(
                name: "removed_at",
                table: "questions");

            migrationBuilder.AlterTable(
                name: "sales")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.02)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.02);

            migrationBuilder.AlterTable(
                name: "points_entries")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.01);

            migrationBuilder.AlterTable(
                name: "points_balances")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.CreateIndex(
                name: "ix_sales_partner_id_recorded_at",
                table: "sales",
                columns: new[] { "partner_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_questions_course_id",
                table: "questions",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "ix_points_entries_member_id_created_at",
                table: "points_entries",
                columns: new[] { "member_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lessons_course_id_position",
                table: "lessons",
                columns: new[] { "course_id", "position" });
        }
    }
}
