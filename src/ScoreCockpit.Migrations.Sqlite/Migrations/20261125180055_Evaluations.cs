using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoreCockpit.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TrainingNotesJson",
                table: "model_versions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScoreId = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    EvaluationDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InSample = table.Column<bool>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WarningsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false),
                    Positives = table.Column<long>(type: "INTEGER", nullable: false),
                    BaseRate = table.Column<double>(type: "REAL", nullable: true),
                    Auc = table.Column<double>(type: "REAL", nullable: true),
                    AucLower = table.Column<double>(type: "REAL", nullable: true),
                    AucUpper = table.Column<double>(type: "REAL", nullable: true),
                    Gini = table.Column<double>(type: "REAL", nullable: true),
                    Ks = table.Column<double>(type: "REAL", nullable: true),
                    Brier = table.Column<double>(type: "REAL", nullable: true),
                    LogLoss = table.Column<double>(type: "REAL", nullable: true),
                    FirstLiftLower = table.Column<double>(type: "REAL", nullable: true),
                    FirstLiftUpper = table.Column<double>(type: "REAL", nullable: true),
                    CutoffsJson = table.Column<string>(type: "TEXT", nullable: false),
                    DecilesJson = table.Column<string>(type: "TEXT", nullable: false),
                    UndefinedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluations_model_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "model_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_evaluations_scores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "scores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_ScoreId_EvaluationDate",
                table: "evaluations",
                columns: new[] { "ScoreId", "EvaluationDate" });

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_VersionId_EvaluationDate",
                table: "evaluations",
                columns: new[] { "VersionId", "EvaluationDate" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropColumn(
                name: "TrainingNotesJson",
                table: "model_versions");
        }
    }
}
