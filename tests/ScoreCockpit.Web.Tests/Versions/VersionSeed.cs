using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Web.Tests.Versions;

/// <summary>A churn score with registered versions (no warehouse, no training): one a month from January 2025.</summary>
public static class VersionSeed
{
    public const string Score = "churn";

    public static async Task ChurnAsync(IServiceProvider services, int versions, CancellationToken ct)
    {
        var score = await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = Score,
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned",
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
        }), Actor.System, ct);
        var register = services.GetRequiredService<RegisterVersionHandler>();
        for (var month = 1; month <= versions; month++)
        {
            await register.HandleAsync(new ModelVersion
            {
                ScoreId = score.Id,
                AsOfDate = new DateOnly(2025, month, 28),
                Algorithm = "LightGbm",
                ArtifactSha256 = "",
                TrainedBy = "",
                InputSchemaJson = """{"minutes": "Numeric", "plan": "Categorical"}""",
                FeaturesJson = """["minutes", "plan"]""",
                DroppedFeaturesJson = """[{"column": "phone", "reason": "identifier: not used by models"}]""",
                FeatureImportanceJson = """[{"column": "minutes", "share": 0.8}, {"column": "plan", "share": 0.2}]""",
                HyperparametersJson = """{"trees": 100}""",
                ValidationAuc = 0.75,
                ValidationLift10 = 2.5,
                TrainingRows = 1_000,
                DurationMs = 900,
            }, Encoding.UTF8.GetBytes($"model-{month}"), "ana@example.com", ct);
        }
    }
}
