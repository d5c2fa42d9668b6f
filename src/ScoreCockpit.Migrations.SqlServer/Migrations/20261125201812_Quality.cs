using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoreCockpit.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Quality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "check_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ScoreId = table.Column<int>(type: "int", nullable: true),
                    CheckName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    MetricName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Value = table.Column<double>(type: "float", nullable: true),
                    Previous = table.Column<double>(type: "float", nullable: true),
                    WarningMin = table.Column<double>(type: "float", nullable: true),
                    WarningMax = table.Column<double>(type: "float", nullable: true),
                    ErrorMin = table.Column<double>(type: "float", nullable: true),
                    ErrorMax = table.Column<double>(type: "float", nullable: true),
                    Message = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ReferenceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ScenarioRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_check_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_check_results_scores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "scores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quality_metrics",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ScoreId = table.Column<int>(type: "int", nullable: true),
                    MetricName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Dataset = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    ReferenceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<double>(type: "float", nullable: true),
                    MeasuredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ScenarioRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_metrics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quality_metrics_scores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "scores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_check_results_ScoreId_CheckName_ReferenceDate",
                table: "check_results",
                columns: new[] { "ScoreId", "CheckName", "ReferenceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_quality_metrics_ScoreId_MetricName_ReferenceDate",
                table: "quality_metrics",
                columns: new[] { "ScoreId", "MetricName", "ReferenceDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_results");

            migrationBuilder.DropTable(
                name: "quality_metrics");
        }
    }
}
