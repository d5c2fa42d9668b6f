using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoreCockpit.Migrations.SqlServer.Migrations
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
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseExpiresAt",
                table: "scenario_runs",
                type: "datetime2",
                nullable: true);

            // A run still in progress during the upgrade belongs to a process the upgrade stopped: its lease starts
            // expired, so the first host to look marks it interrupted.
            migrationBuilder.Sql("UPDATE [scoring_runs] SET [LeaseExpiresAt] = [StartedAt] WHERE [Status] = N'Running'");
            migrationBuilder.Sql("UPDATE [scenario_runs] SET [LeaseExpiresAt] = [StartedAt] WHERE [Status] = N'Running'");
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
