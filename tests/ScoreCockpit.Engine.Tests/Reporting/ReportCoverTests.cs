using System.Text.Json;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Localization;
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

    [Fact]
    public async Task The_french_report_names_sheets_and_headers_in_french_and_keeps_the_english_figures_as_numbers()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Actor.System, Ct);
        await SeedAsync(store, [(new(2026, 3, 31), 0.95, true), (new(2026, 4, 30), 0.80, false), (new(2026, 5, 31), 0.77, false), (new(2026, 6, 30), 0.73, false)]);
        var vic = Actor.Of("vic@example.com", Roles.Viewer);
        using var english = new MemoryStream();
        using var french = new MemoryStream();

        await store.Get<ScoreReportHandler>().WriteAsync("churn", english, vic, Ct);
        await store.Get<ScoreReportHandler>().WriteAsync("churn", french, vic, SupportedCultures.French, Ct);

        using var en = new XLWorkbook(new MemoryStream(english.ToArray()));
        using var fr = new XLWorkbook(new MemoryStream(french.ToArray()));
        Assert.Equal(
            ["Page de garde", "AUC", "Lift à 1 %", "Lift à 5 %", "Lift à 10 %", "Lift à 20 %", "Gini", "KS", "Brier", "Performance prospective",
                "Déciles", "Activations", "Exécutions de scoring", "Contrôles"],
            fr.Worksheets.Select(s => s.Name));
        var cover = fr.Worksheet("Page de garde");
        Assert.Equal("churn — rapport du score", cover.Cell(1, 1).GetString());
        var cells = cover.Column(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.RowNumber);
        Assert.Equal("Dégradée", cover.Cell(cells["Santé"], 2).GetString());
        Assert.StartsWith("AUC de 0,730 contre 0,800", cover.Cell(cells["Santé"], 3).GetString(), StringComparison.Ordinal);
        Assert.Equal("-0,040 par rapport à l'évaluation précédente (2026-05-31)", cover.Cell(cells["AUC"], 3).GetString());
        Assert.Equal(XLDataType.DateTime, cover.Cell(cells["Dernière évaluation prospective"], 2).DataType);
        Assert.Contains("Comment lire", cells.Keys);
        Assert.Equal(["Version", "Rôle", "Entraînée au"], Enumerable.Range(1, 3).Select(c => fr.Worksheet("AUC").Cell(1, c).GetString()));
        Assert.Equal("Active", fr.Worksheet("AUC").Cell(2, 2).GetString());
        Assert.Equal(["Date", "Version", "Choisie par", "AUC"], Enumerable.Range(1, 4).Select(c => fr.Worksheet("Performance prospective").Cell(1, c).GetString()));
        Assert.Equal("Date de référence", fr.Worksheet("Contrôles").Cell(1, 1).GetString());

        // Same cells, same figures: every number of the English report is a number at the same place in the French one.
        var numbers = 0;
        foreach (var (enSheet, frSheet) in en.Worksheets.Zip(fr.Worksheets))
        {
            foreach (var cell in enSheet.CellsUsed().Where(c => c.DataType == XLDataType.Number))
            {
                var twin = frSheet.Cell(cell.Address.RowNumber, cell.Address.ColumnNumber);
                Assert.Equal(XLDataType.Number, twin.DataType);
                Assert.Equal(cell.GetDouble(), twin.GetDouble());
                Assert.Equal(cell.Style.NumberFormat.Format, twin.Style.NumberFormat.Format);
                numbers++;
            }
        }

        Assert.True(numbers > 20, $"{numbers} numbers");
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
