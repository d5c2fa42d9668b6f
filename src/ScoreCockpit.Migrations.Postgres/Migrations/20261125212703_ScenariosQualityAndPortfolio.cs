using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ScoreCockpit.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScenariosQualityAndPortfolio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "check_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScoreId = table.Column<int>(type: "integer", nullable: true),
                    CheckName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MetricName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Previous = table.Column<double>(type: "double precision", nullable: true),
                    WarningMin = table.Column<double>(type: "double precision", nullable: true),
                    WarningMax = table.Column<double>(type: "double precision", nullable: true),
                    ErrorMin = table.Column<double>(type: "double precision", nullable: true),
                    ErrorMax = table.Column<double>(type: "double precision", nullable: true),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReferenceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScoreId = table.Column<int>(type: "integer", nullable: true),
                    MetricName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Dataset = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ReferenceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    MeasuredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
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

            migrationBuilder.CreateTable(
                name: "scenarios",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ScoreId = table.Column<int>(type: "integer", nullable: true),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DefinitionJson = table.Column<string>(type: "text", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ScheduledThrough = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextFireAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scenarios", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scenarios_scores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "scores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "scenario_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScenarioId = table.Column<int>(type: "integer", nullable: false),
                    ScenarioName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ScoreId = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ScheduledFor = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    VariablesJson = table.Column<string>(type: "text", nullable: false),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FailedStep = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Failure = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CheckWarnings = table.Column<int>(type: "integer", nullable: false),
                    DurationAlertAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scenario_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scenario_runs_scenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "scenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scenario_step_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    Log = table.Column<string>(type: "text", nullable: false),
                    OutputsJson = table.Column<string>(type: "text", nullable: false),
                    Message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scenario_step_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scenario_step_runs_scenario_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "scenario_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_VersionId_InSample_EvaluationDate_Auc",
                table: "evaluations",
                columns: new[] { "VersionId", "InSample", "EvaluationDate", "Auc" });

            migrationBuilder.CreateIndex(
                name: "IX_check_results_ScoreId_CheckName_ReferenceDate",
                table: "check_results",
                columns: new[] { "ScoreId", "CheckName", "ReferenceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_quality_metrics_ScoreId_MetricName_ReferenceDate",
                table: "quality_metrics",
                columns: new[] { "ScoreId", "MetricName", "ReferenceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_scenario_runs_ScenarioId_StartedAt",
                table: "scenario_runs",
                columns: new[] { "ScenarioId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_scenario_runs_StartedAt",
                table: "scenario_runs",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_scenario_runs_Status",
                table: "scenario_runs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_scenario_step_runs_RunId_Position",
                table: "scenario_step_runs",
                columns: new[] { "RunId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scenarios_Name",
                table: "scenarios",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scenarios_ScoreId",
                table: "scenarios",
                column: "ScoreId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "check_results");

            migrationBuilder.DropTable(
                name: "quality_metrics");

            migrationBuilder.DropTable(
                name: "scenario_step_runs");

            migrationBuilder.DropTable(
                name: "scenario_runs");

            migrationBuilder.DropTable(
                name: "scenarios");

            migrationBuilder.DropIndex(
                name: "IX_evaluations_VersionId_InSample_EvaluationDate_Auc",
                table: "evaluations");
        }
    }
}
