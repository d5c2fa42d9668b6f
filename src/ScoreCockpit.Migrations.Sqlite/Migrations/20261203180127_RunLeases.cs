using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoreCockpit.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RunLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAt",
                table: "scoring_runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAt",
                table: "scenario_runs",
                type: "TEXT",
                nullable: true);

            // A run still in progress during the upgrade belongs to a process the upgrade stopped: its lease starts
            // expired, so the first host to look marks it interrupted.
            migrationBuilder.Sql("UPDATE \"scoring_runs\" SET \"LeaseExpiresAt\" = \"StartedAt\" WHERE \"Status\" = 'Running'");
            migrationBuilder.Sql("UPDATE \"scenario_runs\" SET \"LeaseExpiresAt\" = \"StartedAt\" WHERE \"Status\" = 'Running'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "scoring_runs");

            migrationBuilder.DropColumn(
                name: "LeaseExpiresAt",
                table: "scenario_runs");
        }
    }
}
