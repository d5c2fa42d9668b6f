using System.Text;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Quality;

/// <summary>The score-psi check reads the latest successful scoring run up to the date and the score's drift thresholds.</summary>
public sealed class ScorePsiCheckTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Psi_reaching_the_warning_or_alert_level_is_a_warning_or_an_error_unless_bounds_are_given(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var score = await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Actor.System, Ct);
        var version = await store.Get<RegisterVersionHandler>().HandleAsync(new ModelVersion
        {
            ScoreId = score.Id,
            AsOfDate = new DateOnly(2025, 12, 31),
            Algorithm = "LightGbm",
            ArtifactSha256 = "",
            TrainedBy = "",
        }, Encoding.UTF8.GetBytes("model"), "ana@example.com", Ct);
        DateOnly[] months = [new(2026, 1, 31), new(2026, 2, 28), new(2026, 3, 31), new(2026, 4, 30)];
        double?[] psis = [null, 0.05, 0.1, 0.3];
        await using (var db = await store.OpenAsync())
        {
            for (var i = 0; i < months.Length; i++)
            {
                db.ScoringRuns.Add(new ScoringRun
                {
                    ScoreId = score.Id,
                    VersionId = version.Id,
                    ReferenceDate = months[i],
                    Status = ScoringStatus.Succeeded,
                    OutputTable = "scores_churn",
                    StartedAt = new DateTime(2026, 5, 1, i, 0, 0, DateTimeKind.Utc),
                    StartedBy = "ana",
                    Owner = "here:1",
                    ScorePsi = psis[i],
                });
            }

            // A failed run later on the last date is not the one whose scores are in use.
            db.ScoringRuns.Add(new ScoringRun
            {
                ScoreId = score.Id,
                VersionId = version.Id,
                ReferenceDate = months[3],
                Status = ScoringStatus.Failed,
                OutputTable = "scores_churn",
                StartedAt = new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc),
                StartedBy = "ana",
                Owner = "here:1",
                ScorePsi = 0.01,
            });
            await db.SaveChangesAsync(Ct);
        }

        var run = store.Get<RunChecksHandler>();
        CheckDefinition drift = new() { Name = "score_drift", Kind = CheckKind.ScorePsi };
        CheckDefinition loose = new() { Name = "loose_drift", Kind = CheckKind.ScorePsi, WarningMax = 0.2, ErrorMax = 0.5 };
        var outcomes = new List<(CheckStatus Drift, CheckStatus Loose)>();
        foreach (var month in months)
        {
            var result = await run.RunAsync(new RunChecks("churn", [drift, loose], month, new Dictionary<string, Engine.Variables.Variable>()), Ct);
            outcomes.Add((result[0].Status, result[1].Status));
        }

        Assert.Equal([(CheckStatus.Ok, CheckStatus.Ok), (CheckStatus.Ok, CheckStatus.Ok), (CheckStatus.Warning, CheckStatus.Ok), (CheckStatus.Error, CheckStatus.Warning)],
            outcomes);
        var latest = await store.Get<QualityQueries>().LatestCheckAsync("churn", "score_drift", Ct);
        Assert.Equal((0.3, 0.1, 0.25), (latest!.Value!.Value, latest.WarningMax!.Value, latest.ErrorMax!.Value));
        Assert.Contains("reaches the alert level 0.25", latest.Message, StringComparison.Ordinal);
        var first = (await store.Get<QualityQueries>().CheckHistoryAsync("churn", "score_drift", Ct))[0];
        Assert.Contains("is the first", first.Message, StringComparison.Ordinal);
    }
}
