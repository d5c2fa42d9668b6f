using System.Globalization;
using System.Text;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Tests.Support;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Portfolio;

/// <summary>Scores with registered versions and evaluations written as the evaluation step stores them, without training.</summary>
internal static class PortfolioSeed
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Score> ScoreAsync(TestStore store, string name, string description = "", params string[] owners) =>
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = name,
            Description = description,
            Owners = owners,
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned",
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
        }), Actor.System, Ct);

    public static async Task<ModelVersion> VersionAsync(TestStore store, Score score, DateOnly asOf, string? challenger = null) =>
        await store.Get<RegisterVersionHandler>().HandleAsync(new ModelVersion
        {
            ScoreId = score.Id,
            AsOfDate = asOf,
            Algorithm = "LightGbm",
            ChallengerName = challenger,
            ArtifactSha256 = "",
            TrainedBy = "",
        }, Encoding.UTF8.GetBytes($"{score.Name}-{asOf}-{challenger}"), "ana@example.com", Ct);

    public static Task ActivateAsync(TestStore store, Score score, int number, DateTime at) =>
        store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion(score.Name, number, "seeded", at), Ana, Ct);

    public static async Task EvaluationAsync(TestStore store, ModelVersion version, DateOnly date, double auc, bool inSample = false, string? failure = null,
        EvaluationKind? kind = null, bool thin = false)
    {
        await using var db = await store.OpenAsync();
        db.Evaluations.Add(new VersionEvaluation
        {
            ScoreId = version.ScoreId,
            VersionId = version.Id,
            EvaluationDate = date,
            InSample = inSample,
            Kind = kind ?? (inSample ? EvaluationKind.InSample : EvaluationKind.Forward),
            Thin = thin,
            Failure = failure,
            Auc = failure is null ? auc : null,
            Rows = 1_000,
            Positives = 100,
            CutoffsJson = string.Create(CultureInfo.InvariantCulture, $$"""[{"percent":1,"lift":{{Lift(auc, 3)}},"capture":0.05},{"percent":5,"lift":{{Lift(auc, 2)}},"capture":0.2},{"percent":10,"lift":{{Lift(auc, 1.5)}},"capture":0.3}]"""),
            ComputedAt = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync(Ct);
    }

    public static async Task RunAsync(TestStore store, Score score, long versionId, ScoringStatus status, double? psi, DateTime at)
    {
        await using var db = await store.OpenAsync();
        db.ScoringRuns.Add(new ScoringRun
        {
            ScoreId = score.Id,
            VersionId = versionId,
            ReferenceDate = DateOnly.FromDateTime(at),
            Status = status,
            OutputTable = $"scores_{score.Name}",
            StartedAt = at,
            FinishedAt = at.AddMinutes(2),
            StartedBy = "ana@example.com",
            Owner = "test:1",
            ScorePsi = psi,
        });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A lift that grows with the AUC, so each figure is tied to the evaluation it came from.</summary>
    public static double Lift(double auc, double scale) => Math.Round(auc * scale, 4);
}
