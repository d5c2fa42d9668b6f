using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScoreCockpit.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_evaluations_VersionId_InSample_EvaluationDate_Auc",
                table: "evaluations");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "evaluations",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "Thin",
                table: "evaluations",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Evaluations stored before kinds existed: classified by the one rule (EvaluationKinds.Of) from the version's
            // validation date, and flagged thin by the default rule (no score could set another before this).
            migrationBuilder.Sql(@"UPDATE evaluations SET ""Kind"" = CASE WHEN ""InSample"" = 1 THEN 'InSample' ELSE COALESCE(
                (SELECT CASE WHEN evaluations.""EvaluationDate"" = v.""ValidationDate"" THEN 'Validation'
                             WHEN evaluations.""EvaluationDate"" > v.""ValidationDate"" THEN 'Forward' ELSE 'BackTest' END
                 FROM model_versions v WHERE v.""Id"" = evaluations.""VersionId"" AND v.""ValidationDate"" IS NOT NULL), 'Forward') END;");
            migrationBuilder.Sql(@"UPDATE evaluations SET ""Thin"" = CASE WHEN ""Rows"" < 50 OR ""Positives"" < 10 THEN 1 ELSE 0 END;");

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_VersionId_Kind_Thin_EvaluationDate_Auc",
                table: "evaluations",
                columns: new[] { "VersionId", "Kind", "Thin", "EvaluationDate", "Auc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_evaluations_VersionId_Kind_Thin_EvaluationDate_Auc",
                table: "evaluations");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "evaluations");

            migrationBuilder.DropColumn(
                name: "Thin",
                table: "evaluations");

            migrationBuilder.CreateIndex(
                name: "IX_evaluations_VersionId_InSample_EvaluationDate_Auc",
                table: "evaluations",
                columns: new[] { "VersionId", "InSample", "EvaluationDate", "Auc" });
        }
    }
}
