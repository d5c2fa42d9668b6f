using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoreCockpit.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PortfolioIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_evaluations_VersionId_InSample_EvaluationDate_Auc",
                table: "evaluations",
                columns: new[] { "VersionId", "InSample", "EvaluationDate", "Auc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_evaluations_VersionId_InSample_EvaluationDate_Auc",
                table: "evaluations");
        }
    }
}
