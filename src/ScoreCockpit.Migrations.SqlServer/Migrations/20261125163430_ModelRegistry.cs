using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoreCockpit.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ModelRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "model_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ScoreId = table.Column<int>(type: "int", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    AsOfDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Algorithm = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    HyperparametersJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ChallengerName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    TrainingDatesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ValidationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    InputSchemaJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FeaturesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    DroppedFeaturesJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FeatureImportanceJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    SchemaDiffJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ValidationAuc = table.Column<double>(type: "float", nullable: true),
                    ValidationLift10 = table.Column<double>(type: "float", nullable: true),
                    TrainingRows = table.Column<long>(type: "bigint", nullable: false),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false),
                    ArtifactSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ArtifactBytes = table.Column<long>(type: "bigint", nullable: false),
                    PurgedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TrainedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TrainedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_model_versions_scores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "scores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "activations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ScoreId = table.Column<int>(type: "int", nullable: false),
                    VersionId = table.Column<long>(type: "bigint", nullable: false),
                    ActivatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActivatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_activations_model_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "model_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_activations_scores_ScoreId",
                        column: x => x.ScoreId,
                        principalTable: "scores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_activations_ScoreId_ActivatedAt",
                table: "activations",
                columns: new[] { "ScoreId", "ActivatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_activations_VersionId",
                table: "activations",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_ArtifactSha256",
                table: "model_versions",
                column: "ArtifactSha256");

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_ScoreId_Number",
                table: "model_versions",
                columns: new[] { "ScoreId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "activations");

            migrationBuilder.DropTable(
                name: "model_versions");
        }
    }
}
