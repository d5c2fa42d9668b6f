using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoreCockpit.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LabelRefresh : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LabelsReadAt",
                table: "snapshots",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<long>(
                name: "MissingLabels",
                table: "snapshots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // A snapshot's labels were read when it was built: those built before their final day are pending.
            migrationBuilder.Sql("UPDATE \"snapshots\" SET \"LabelsReadAt\" = \"BuiltAt\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LabelsReadAt",
                table: "snapshots");

            migrationBuilder.DropColumn(
                name: "MissingLabels",
                table: "snapshots");
        }
    }
}
