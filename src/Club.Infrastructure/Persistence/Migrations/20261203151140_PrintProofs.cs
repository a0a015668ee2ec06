using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PrintProofs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "proof_checked_at",
                table: "tag_batches",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "proof_labels_read",
                table: "tag_batches",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "proof_unreadable",
                table: "tag_batches",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "proof_checked_at",
                table: "tag_batches");

            migrationBuilder.DropColumn(
                name: "proof_labels_read",
                table: "tag_batches");

            migrationBuilder.DropColumn(
                name: "proof_unreadable",
                table: "tag_batches");
        }
    }
}
