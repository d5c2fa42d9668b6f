using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Benchmarks.Portfolio;

/// <summary>
/// A cockpit store as three years of monthly retrains leave it: per score, 12 own versions and 12 logistic challengers
/// (one pair every 2 months from month 12), every version evaluated on all 36 monthly dates (in-sample on its 12 training
/// months), an activation every 6 months, and a scoring run a month. Rows are written directly, not trained.
/// </summary>
internal static class OverviewData
{
    public const int Months = 36;
    public const int VersionsPerScore = 24;
    private static readonly decimal[] Cutoffs = [1m, 5m, 10m, 20m];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DateOnly Date(int month) => new DateOnly(2023, 3, 1).AddMonths(month + 1).AddDays(-1);

    public static string Name(int score) => $"score-{score:000}";

    public static async Task FillAsync(IServiceProvider services, int scores)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CockpitDbContext>>();
        for (var s = 0; s < scores; s++)
        {
            var score = await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
            {
                Name = Name(s),
                Description = $"Benchmark score {s} of {scores}",
                Owners = [$"owner{s % 7}@example.com"],
                DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS target",
                KeyColumn = "customer_id",
                TargetColumn = "target",
                ReferenceDateColumn = "date_ref",
            }), Actor.System);
            await using var db = await contexts.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var random = new Random(s);
            var baseAuc = 0.68 + 0.17 * random.NextDouble();
            var versions = Enumerable.Range(0, VersionsPerScore).Select(v => Version(score.Id, v)).ToList();
            db.ModelVersions.AddRange(versions);
            await db.SaveChangesAsync();

            for (var v = 0; v < VersionsPerScore; v++)
            {
                var trained = 12 + v / 2 * 2;
                for (var m = 0; m < Months; m++)
                {
                    var age = Math.Max(0, m - trained);
                    var auc = Math.Clamp(baseAuc - (v % 2 == 1 ? 0.015 : 0) - 0.002 * age * (1 + s % 3) + 0.01 * (random.NextDouble() - 0.5), 0.5, 0.99);
                    db.Evaluations.Add(Evaluation(score.Id, versions[v].Id, Date(m), auc, inSample: m < trained && m >= trained - 12, random));
                }
            }

            for (var a = 0; a < 12; a += 3)
            {
                var version = versions[a * 2];
                db.Activations.Add(new Activation
                {
                    ScoreId = score.Id,
                    VersionId = version.Id,
                    ActivatedBy = "ana@example.com",
                    Comment = "monthly review",
                    ActivatedAt = Date(12 + a * 2).AddDays(3).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc),
                });
            }

            for (var m = 12; m < Months; m++)
            {
                var failed = (s + m) % 29 == 0;
                db.ScoringRuns.Add(new ScoringRun
                {
                    ScoreId = score.Id,
                    VersionId = versions[0].Id,
                    ReferenceDate = Date(m),
                    OutputTable = $"scores_{Name(s)}",
                    Status = failed ? ScoringStatus.Failed : ScoringStatus.Succeeded,
                    Failure = failed ? "warehouse unreachable" : null,
                    StartedAt = Date(m).AddDays(2).ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc),
                    StartedBy = "scheduler",
                    Owner = "bench:1",
                    FinishedAt = Date(m).AddDays(2).ToDateTime(new TimeOnly(6, 4), DateTimeKind.Utc),
                    Rows = 500_000,
                    ScorePsi = failed ? null : 0.02 + 0.3 * random.NextDouble() * random.NextDouble(),
                    HistogramJson = "[]",
                });
            }

            await db.SaveChangesAsync();
        }
    }

    private static ModelVersion Version(int scoreId, int v) => new()
    {
        ScoreId = scoreId,
        Number = v + 1,
        AsOfDate = Date(12 + v / 2 * 2),
        Algorithm = v % 2 == 0 ? "LightGbm" : "LogisticRegression",
        ChallengerName = v % 2 == 0 ? null : "logistic",
        ArtifactSha256 = $"{scoreId:x8}{v:x4}".PadRight(64, '0'),
        TrainedAt = Date(12 + v / 2 * 2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        TrainedBy = "scheduler",
    };

    private static VersionEvaluation Evaluation(int scoreId, long versionId, DateOnly date, double auc, bool inSample, Random random)
    {
        var lift = 1 + (auc - 0.5) * 8;
        var cutoffs = Cutoffs.Select(p => new CutoffMetric(p, lift * (1.4 - (double)p / 50), (double)p / 100 * lift)).ToList();
        var deciles = Enumerable.Range(1, 10).Select(d => new DecileRow(d, 50_000, 5_000 * lift / d, 0.1 * lift / d, Math.Min(1, 0.1 * d * lift / 2), lift / d)).ToList();
        return new VersionEvaluation
        {
            ScoreId = scoreId,
            VersionId = versionId,
            EvaluationDate = date,
            InSample = inSample,
            Rows = 500_000,
            Positives = 50_000,
            BaseRate = 0.1,
            Auc = auc,
            AucLower = auc - 0.004,
            AucUpper = auc + 0.004,
            Gini = 2 * auc - 1,
            Ks = (auc - 0.5) * 1.2,
            Brier = 0.08 + 0.01 * random.NextDouble(),
            LogLoss = 0.3,
            FirstLiftLower = lift - 0.1,
            FirstLiftUpper = lift + 0.1,
            CutoffsJson = JsonSerializer.Serialize(cutoffs, Json),
            DecilesJson = JsonSerializer.Serialize(deciles, Json),
            ComputedAt = date.AddMonths(3).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            DurationMs = 800,
        };
    }
}
