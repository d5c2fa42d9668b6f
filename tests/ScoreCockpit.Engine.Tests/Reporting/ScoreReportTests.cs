using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.EvaluationStore;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Reporting;

/// <summary>The score report of the demo's churn score, trained, evaluated, activated twice and scored, read back with ClosedXML.</summary>
public sealed class ScoreReportTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Vic = Actor.Of("vic@example.com", Roles.Viewer);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_gets_every_sheet_with_the_stored_values_and_in_sample_kept_apart()
    {
        await using var store = await EvaluateAllVersionsTests.ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        store.Time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 2, "first in production"), Ana, Ct);
        store.Time.Advance(TimeSpan.FromHours(2));
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 3, "better on recent months"), Ana, Ct);
        await store.Get<RunScoringHandler>().HandleAsync(new RunScoring("churn"), Ana, null, Ct);

        using var book = await ReportAsync(store, "churn", Vic);

        Assert.Equal(["Cover", "AUC", "Lift 1 %", "Lift 5 %", "Lift 10 %", "Lift 20 %", "Gini", "KS", "Brier", "Forward performance", "Deciles", "Activations", "Scoring runs", "Checks"],
            book.Worksheets.Select(s => s.Name));
        var evaluations = await EvaluationsAsync(store);
        var auc = book.Worksheet("AUC");
        var dates = evaluations.Select(e => e.Date).Distinct().Order().ToList();
        Assert.Equal(dates, Enumerable.Range(4, dates.Count).Select(c => DateOnly.FromDateTime(auc.Cell(1, c).GetDateTime())));
        var inSampleHeader = FindRow(auc, "Version", after: 1);
        var raw = RawNumbers("churn", "AUC");
        foreach (var (version, date, value, inSample) in evaluations)
        {
            var column = 4 + dates.IndexOf(date);
            var (shown, apart) = (auc.Cell(1 + version, column), auc.Cell(inSampleHeader + version, column));
            Assert.Equal(version, auc.Cell(1 + version, 1).GetValue<int>());
            // The out-of-time table never holds an in-sample figure; the block under it holds only those. Read from the
            // file's XML: ClosedXML would round what it reads to 15 digits.
            Assert.Equal(inSample ? value : null, raw.GetValueOrDefault(apart.Address.ToString()!));
            Assert.Equal(inSample ? null : value, raw.GetValueOrDefault(shown.Address.ToString()!));
            Assert.Equal("0.000", (inSample ? apart : shown).Style.NumberFormat.Format);
        }

        Assert.Contains(evaluations, e => e.InSample);
        Assert.Equal(("Active", true), (auc.Cell(4, 2).GetString(), auc.Cell(4, 1).Style.Font.Bold));
        Assert.False(auc.Cell(2, 1).Style.Font.Bold);
        Assert.Single(auc.ConditionalFormats);
        Assert.Equal(XLConditionalFormatType.ColorScale, auc.ConditionalFormats.Single().ConditionalFormatType);
        Assert.Equal((1, 3), (auc.SheetView.SplitRow, auc.SheetView.SplitColumn));
        Assert.True(auc.AutoFilter.IsEnabled);
        Assert.Equal("0.00", book.Worksheet("Lift 10 %").Cell(4, 4 + dates.Count - 1).Style.NumberFormat.Format);

        var cover = book.Worksheet("Cover");
        Assert.Equal("churn — score report", cover.Cell(1, 1).GetString());
        Assert.Equal(3, Value(cover, "Active version").GetValue<int>());
        Assert.Equal("\"v\"0", Value(cover, "Active version").Style.NumberFormat.Format);
        Assert.Equal(new DateTime(2026, 3, 14, 12, 30, 0), Value(cover, "Active since").GetDateTime());
        Assert.Equal(new DateTime(2026, 3, 14, 12, 30, 0), Value(cover, "Generated at").GetDateTime());
        // The cover judges the active version on its forward dates, not on back-tests before its training window.
        var trainedUpTo = evaluations.Where(e => e.Version == 3 && e.InSample).Max(e => e.Date);
        var stored = await store.Get<PerformanceQueries>().OverTimeAsync("churn", "auc", Ct);
        var points = stored.Single(s => s.Version == 3).Points;
        // v3 was validated on the latest labelled date: it has no forward figure yet, so neither the cover nor the
        // portfolio judges it on its back-tests (which score well) or on that validation date.
        Assert.DoesNotContain(points, p => p.Counts);
        Assert.Contains(points, p => p.Kind == EvaluationKind.BackTest && p.Date < trainedUpTo);
        var validated = Assert.Single(points, p => p.Kind == EvaluationKind.Validation);
        Assert.Equal(points.Max(p => p.Date), validated.Date);
        Assert.DoesNotContain(cover.Column(1).CellsUsed(), c => c.GetString() == "AUC");
        // The verdict is the portfolio's, word for word.
        var health = await store.Get<PortfolioQuery>().OfScoreAsync("churn", Ct);
        Assert.Equal(HealthLevel.NoData, health.Health);
        Assert.Equal(HealthRules.Word(health.Health), Value(cover, "Health").GetString());
        Assert.Equal(health.HealthReason, cover.Cell(Value(cover, "Health").Address.RowNumber, 3).GetString());

        var activations = book.Worksheet("Activations");
        Assert.Equal([3, 2], [activations.Cell(2, 1).GetValue<int>(), activations.Cell(3, 1).GetValue<int>()]);
        Assert.Equal(("ana@example.com", "better on recent months"), (activations.Cell(2, 3).GetString(), activations.Cell(2, 4).GetString()));
        Assert.Equal(new DateTime(2026, 3, 14, 10, 30, 0), activations.Cell(3, 2).GetDateTime());

        var deciles = book.Worksheet("Deciles");
        var latest = (await store.Get<PerformanceQueries>().OnDateAsync("churn", validated.Date, Ct)).Single(e => e.Version == 3);
        Assert.Equal(latest.Deciles.Select(d => d.Lift), Enumerable.Range(5, 10).Select(r => RawNumbers("churn", "Deciles")[$"E{r}"]));
        Assert.Contains("v2", deciles.Cell(2, 8).GetString(), StringComparison.Ordinal);

        var runs = book.Worksheet("Scoring runs");
        Assert.Equal((3, "Succeeded"), (runs.Cell(2, 2).GetValue<int>(), runs.Cell(2, 3).GetString()));
        Assert.Equal(XLDataType.DateTime, runs.Cell(2, 1).DataType);
        Assert.True(runs.Cell(2, 4).GetDouble() > 0);

        // Every date on every sheet is a date cell in the cockpit's one style, never the reader's locale (11/1/2025).
        var dateCells = book.Worksheets.SelectMany(s => s.CellsUsed()).Where(c => c.DataType == XLDataType.DateTime).ToList();
        Assert.True(dateCells.Count > dates.Count, $"{dateCells.Count} date cells");
        Assert.All(dateCells, c => Assert.Contains(c.Style.NumberFormat.Format, new[] { CockpitDates.Iso.ExcelDay, CockpitDates.Iso.ExcelMoment }));
        Assert.Equal(CockpitDates.Iso.ExcelDay, auc.Cell(1, 4).Style.NumberFormat.Format);
        Assert.Equal(CockpitDates.Iso.ExcelMoment, Value(cover, "Generated at").Style.NumberFormat.Format);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_new_score_gets_empty_states_and_strangers_and_unknown_scores_are_refused(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("renewal")), Actor.System, Ct);
        var handler = store.Get<ScoreReportHandler>();

        using var book = await ReportAsync(store, "renewal", Vic);

        Assert.Equal("No data", Value(book.Worksheet("Cover"), "Health").GetString());
        Assert.StartsWith("No version yet", book.Worksheet("AUC").Cell(2, 1).GetString(), StringComparison.Ordinal);
        Assert.StartsWith("No version has been activated", book.Worksheet("Activations").Cell(2, 1).GetString(), StringComparison.Ordinal);
        Assert.StartsWith("No scoring run yet", book.Worksheet("Scoring runs").Cell(2, 1).GetString(), StringComparison.Ordinal);
        Assert.StartsWith("No check has run for this score yet", book.Worksheet("Checks").Cell(2, 1).GetString(), StringComparison.Ordinal);
        Assert.Equal("renewal-report-2026-03-14.xlsx", handler.FileName("renewal"));
        var unknown = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.WriteAsync("nope", Stream.Null, Vic, Ct));
        Assert.Equal("There is no score named 'nope'.", unknown.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => handler.WriteAsync("renewal", Stream.Null, null, Ct));
    }

    private readonly Dictionary<string, byte[]> _files = [];

    private async Task<XLWorkbook> ReportAsync(TestStore store, string score, Actor actor)
    {
        using var file = new MemoryStream();
        await store.Get<ScoreReportHandler>().WriteAsync(score, file, actor, Ct);
        _files[score] = file.ToArray();
        return new XLWorkbook(new MemoryStream(_files[score]));
    }

    /// <summary>The numeric cells of one sheet as the file's XML holds them, by address.</summary>
    private Dictionary<string, double?> RawNumbers(string score, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(_files[score]), isEditable: false);
        var book = document.WorkbookPart!;
        var sheet = book.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
        return ((WorksheetPart)book.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<Cell>()
            .Where(c => c.CellValue is not null && (c.DataType is null || c.DataType.Value == CellValues.Number))
            .ToDictionary(c => c.CellReference!.Value!, c => (double?)double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture));
    }

    private static IXLCell Value(IXLWorksheet sheet, string label) => sheet.Cell(FindRow(sheet, label, after: 0), 2);

    private static int FindRow(IXLWorksheet sheet, string label, int after) =>
        sheet.Column(1).CellsUsed().First(c => c.Address.RowNumber > after && c.GetString() == label).Address.RowNumber;

    private static async Task<List<(int Version, DateOnly Date, double? Value, bool InSample)>> EvaluationsAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        var rows = await db.Evaluations.AsNoTracking().Join(db.ModelVersions, e => e.VersionId, v => v.Id, (e, v) => new { v.Number, e.EvaluationDate, e.Auc, e.InSample })
            .ToListAsync(Ct);
        return rows.OrderBy(r => r.Number).ThenBy(r => r.EvaluationDate).Select(r => (r.Number, r.EvaluationDate, r.Auc, r.InSample)).ToList();
    }
}
