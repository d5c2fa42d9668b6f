using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Web.Tests.Versions;

namespace ScoreCockpit.Web.Tests.Portfolio;

/// <summary>churn with v2 active and slipping (0.780 → 0.760 out of time), and renewal with no version yet.</summary>
public static class PortfolioSeed
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await VersionSeed.ChurnAsync(services, 3, ct);
        await services.GetRequiredService<ActivateVersionHandler>().HandleAsync(
            new ActivateVersion(VersionSeed.Score, 2, "in production", new DateTime(2025, 3, 2, 9, 0, 0, DateTimeKind.Utc)), Actor.System, ct);
        await using (var db = await services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(ct))
        {
            var v2 = await db.ModelVersions.SingleAsync(v => v.Number == 2, ct);
            foreach (var (date, auc) in new[] { (new DateOnly(2025, 4, 30), 0.78), (new DateOnly(2025, 5, 31), 0.76) })
            {
                db.Evaluations.Add(new VersionEvaluation
                {
                    ScoreId = v2.ScoreId,
                    VersionId = v2.Id,
                    EvaluationDate = date,
                    Auc = auc,
                    Rows = 1_000,
                    Positives = 100,
                    CutoffsJson = """[{"percent":5,"lift":2.5,"capture":0.12},{"percent":10,"lift":2.0,"capture":0.2}]""",
                });
            }

            await db.SaveChangesAsync(ct);
        }

        await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = "renewal",
            Description = "Contract renewal",
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS renewed",
            KeyColumn = "customer_id",
            TargetColumn = "renewed",
            ReferenceDateColumn = "date_ref",
        }), Actor.System, ct);
    }
}
