using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ScoreCockpit.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScoringRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scoring_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScoreId = table.Column<int>(type: "integer", nullable: false),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    ReferenceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OutputTable = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    Mean = table.Column<double>(type: "double precision", nullable: true),
                    HistogramJson = table.Column<string>(type: "text", nullable: false),
                    DecileCutsJson = table.Column<string>(type: "text", nullable: false),
                    ScorePsi = table.Column<double>(type: "double precision", nullable: true),
                    FeaturePsiJson = table.Column<string>(type: "text", nullable: false),
                    WarningsJson = table.Column<string>(type: "text", nullable: false),
                    Failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scoring_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_scoring_runs_model_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "model_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_scoring_runs_scores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "scores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scoring_runs_ScoreId_StartedAt",
                table: "scoring_runs",
                columns: new[] { "ScoreId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_scoring_runs_Status",
                table: "scoring_runs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_scoring_runs_VersionId",
                table: "scoring_runs",
                column: "VersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scoring_runs");
        }
    }
}
