using System.Text.Json;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Reporting;

/// <summary>The cover's figures and health on a history written straight into the store: a version losing its edge.</summary>
public sealed class ReportCoverTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_version_losing_auc_after_its_training_window_is_decaying_and_the_change_is_against_the_evaluation_before()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Actor.System, Ct);
        // Trained on January–March; a back-test in December (0.90, ignored by the cover), then April 0.80, May 0.77, June 0.73.
        await SeedAsync(store, [(new(2025, 12, 31), 0.90, false), (new(2026, 1, 31), 0.95, true), (new(2026, 2, 28), 0.95, true),
            (new(2026, 3, 31), 0.95, true), (new(2026, 4, 30), 0.80, false), (new(2026, 5, 31), 0.77, false), (new(2026, 6, 30), 0.73, false)]);

        using var file = new MemoryStream();
        await store.Get<ScoreReportHandler>().WriteAsync("churn", file, Actor.Of("vic@example.com", Roles.Viewer), Ct);
        using var book = new XLWorkbook(new MemoryStream(file.ToArray()));

        var cover = book.Worksheet("Cover");
        var cells = cover.Column(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.RowNumber);
        Assert.Equal(new DateTime(2026, 6, 30), cover.Cell(cells["Latest forward evaluation"], 2).GetDateTime());
        Assert.Equal(0.73, cover.Cell(cells["AUC"], 2).GetDouble());
        Assert.StartsWith("-0.040 against the previous evaluation (2026-05-31)", cover.Cell(cells["AUC"], 3).GetString(), StringComparison.Ordinal);
        Assert.Equal("Decaying", cover.Cell(cells["Health"], 2).GetString());
        Assert.Contains("against 0.800", cover.Cell(cells["Health"], 3).GetString(), StringComparison.Ordinal);
        var auc = book.Worksheet("AUC");
        Assert.Equal(0.90, auc.Cell(2, 4).GetDouble());
        Assert.True(auc.Cell(2, 5).IsEmpty());
        Assert.Equal(0.95, auc.Cell(6, 5).GetDouble());
        Assert.StartsWith("In-sample", auc.Cell(4, 1).GetString(), StringComparison.Ordinal);
    }

    private static async Task SeedAsync(TestStore store, (DateOnly Date, double Auc, bool InSample)[] history)
    {
        await using var db = await store.OpenAsync();
        var score = db.Scores.Single();
        var version = new ModelVersion
        {
            ScoreId = score.Id,
            Number = 1,
            AsOfDate = new(2026, 7, 1),
            Algorithm = "LightGbm",
            ArtifactSha256 = new string('a', 64),
            TrainedBy = "ana@example.com",
            TrainedAt = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync(Ct);
        db.Activations.Add(new Activation { ScoreId = score.Id, VersionId = version.Id, ActivatedAt = version.TrainedAt, ActivatedBy = "ana@example.com", Comment = "first" });
        db.Evaluations.AddRange(history.Select(h => new VersionEvaluation
        {
            ScoreId = score.Id,
            VersionId = version.Id,
            EvaluationDate = h.Date,
            InSample = h.InSample,
            Kind = h.InSample ? EvaluationKind.InSample : h.Date.Year < 2026 ? EvaluationKind.BackTest : EvaluationKind.Forward,
            Auc = h.Auc,
            CutoffsJson = JsonSerializer.Serialize(new[] { new CutoffMetric(10m, h.Auc * 4, 0.4) }, ScoreDefinitionJson.Options),
        }));
        await db.SaveChangesAsync(Ct);
    }
}
