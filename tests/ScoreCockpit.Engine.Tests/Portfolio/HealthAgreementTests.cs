using System.Text.Json;
using ClosedXML.Excel;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Cli;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Portfolio;

/// <summary>
/// One verdict per score on every surface: the Overview's rows, the portfolio workbook, the score report's cover and
/// `scorecockpit portfolio --json` say the same word for the same reason, judged on forward dates only.
/// </summary>
public sealed class HealthAgreementTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Month(int year, int month) => new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);

    /// <summary>
    /// The case seen in the field: v2 was trained on 2024-07…2025-02 and validated on 2025-03; its back-tests two years
    /// before scored 0.544, its first forward evaluation 0.708, its latest 0.622. A drop of 0.086: Decaying.
    /// </summary>
    internal static async Task SeedDecayingAsync(TestStore store)
    {
        var score = await PortfolioSeed.ScoreAsync(store, "decaying");
        var version = await PortfolioSeed.VersionAsync(store, score, new DateOnly(2025, 6, 1));
        await PortfolioSeed.ActivateAsync(store, score, version.Number, new DateTime(2025, 6, 2, 9, 0, 0, DateTimeKind.Utc));
        foreach (var month in Enumerable.Range(1, 6))
        {
            await PortfolioSeed.EvaluationAsync(store, version, Month(2023, month), 0.544, kind: EvaluationKind.BackTest);
        }

        foreach (var month in Enumerable.Range(0, 8))
        {
            await PortfolioSeed.EvaluationAsync(store, version, Month(2024, 7).AddMonths(month), 0.82, inSample: true);
        }

        await PortfolioSeed.EvaluationAsync(store, version, Month(2025, 3), 0.73, kind: EvaluationKind.Validation);
        await PortfolioSeed.EvaluationAsync(store, version, Month(2025, 4), 0.708);
        await PortfolioSeed.EvaluationAsync(store, version, Month(2025, 5), 0.66);
        await PortfolioSeed.EvaluationAsync(store, version, Month(2025, 6), 0.622);
        // A thin date after it: 10 rows, 1 positive, a flattering 0.99 that must judge nothing.
        await PortfolioSeed.EvaluationAsync(store, version, Month(2025, 7), 0.99, thin: true);

        var steady = await PortfolioSeed.ScoreAsync(store, "steady");
        var kept = await PortfolioSeed.VersionAsync(store, steady, new DateOnly(2025, 6, 1));
        await PortfolioSeed.ActivateAsync(store, steady, kept.Number, new DateTime(2025, 6, 2, 9, 0, 0, DateTimeKind.Utc));
        await PortfolioSeed.EvaluationAsync(store, kept, Month(2023, 1), 0.95, kind: EvaluationKind.BackTest);
        await PortfolioSeed.EvaluationAsync(store, kept, Month(2025, 4), 0.80);
        await PortfolioSeed.EvaluationAsync(store, kept, Month(2025, 6), 0.79);
    }

    [Fact]
    public async Task Overview_workbook_report_and_command_line_say_the_same_health_for_every_score()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await SeedDecayingAsync(store);
        await PortfolioSeed.ScoreAsync(store, "fresh");

        var overview = await HealthAgreement.AssertSameEverywhereAsync(store);

        var decaying = overview["decaying"];
        Assert.Equal(HealthLevel.Decaying, decaying.Health);
        Assert.Equal((0.708, 0.622, Month(2025, 6)), (decaying.FirstAuc, decaying.Auc, decaying.AucDate));
        Assert.Equal("AUC 0.622 against 0.708 at v1's first forward evaluation: down 0.086.", decaying.HealthReason);
        Assert.Equal(HealthLevel.Healthy, overview["steady"].Health);
        Assert.Equal(0.80, overview["steady"].FirstAuc);
        Assert.Equal(HealthLevel.NoData, overview["fresh"].Health);
    }

    [Fact]
    public async Task The_command_line_lists_every_stored_evaluation_with_its_kind_and_thin_flag()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await SeedDecayingAsync(store);
        using var cli = new CliSandbox();

        var result = await cli.RunRawAsync(new StringReader(""), ["--data", store.DataPath, "evaluations", "decaying", "--version", "1", "--json"]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(19, rows.Count);
        Assert.Equal(
            ["version", "challenger", "date", "kind", "thin", "rows", "positives", "auc", "auc_lower", "auc_upper",
             "lift_1", "capture_1", "lift_5", "capture_5", "lift_10", "capture_10", "ks", "brier", "failure"],
            rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            (6, 8, 1, 3, 1),
            (rows.Count(r => r.GetProperty("kind").GetString() == "back-test"), rows.Count(r => r.GetProperty("kind").GetString() == "in-sample"),
             rows.Count(r => r.GetProperty("kind").GetString() == "validation"), rows.Count(r => r.GetProperty("kind").GetString() == "forward" && !r.GetProperty("thin").GetBoolean()),
             rows.Count(r => r.GetProperty("thin").GetBoolean())));
        var last = rows[^1];
        Assert.Equal(("2025-07-31", "forward", true, 0.99), (last.GetProperty("date").GetString(), last.GetProperty("kind").GetString(),
            last.GetProperty("thin").GetBoolean(), last.GetProperty("auc").GetDouble()));

        var unknown = await cli.RunRawAsync(new StringReader(""), ["--data", store.DataPath, "evaluations", "decaying", "--version", "9", "--json"]);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("decaying has no version 9", unknown.Error, StringComparison.Ordinal);
    }
}

/// <summary>Reads one verdict per score from every surface and asserts they are the same.</summary>
internal static class HealthAgreement
{
    private static readonly Actor Vic = Actor.Of("vic@example.com", Roles.Viewer);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The Overview's rows, once each surface was found to say the same of every score.</summary>
    public static async Task<Dictionary<string, ScoreHealthRow>> AssertSameEverywhereAsync(TestStore store)
    {
        var overview = (await store.Get<PortfolioQuery>().GetAsync(new PortfolioRequest(null, null, PageSize: PortfolioQuery.MaxPageSize), Ct))
            .Rows.ToDictionary(r => r.Name);

        using var file = new MemoryStream();
        await store.Get<PortfolioReportHandler>().WriteAsync(file, Ct);
        file.Position = 0;
        using var workbook = new XLWorkbook(file);
        var sheet = workbook.Worksheet("Portfolio");
        var workbookRows = Enumerable.Range(2, overview.Count)
            .ToDictionary(r => sheet.Cell(r, 3).GetString(), r => (sheet.Cell(r, 1).GetString(), sheet.Cell(r, 2).GetString()));

        var json = await CommandLineAsync(store);

        foreach (var row in overview.Values)
        {
            var expected = (HealthRules.Word(row.Health), row.HealthReason);
            Assert.Equal(expected, workbookRows[row.Name]);
            Assert.Equal(expected, json[row.Name]);
            Assert.Equal(expected, await CoverAsync(store, row.Name));
        }

        return overview;
    }

    /// <summary>The cover's health word and the note beside it.</summary>
    private static async Task<(string, string)> CoverAsync(TestStore store, string score)
    {
        using var file = new MemoryStream();
        await store.Get<ScoreReportHandler>().WriteAsync(score, file, Vic, Ct);
        file.Position = 0;
        using var book = new XLWorkbook(file);
        var cover = book.Worksheet("Cover");
        var row = cover.Column(1).CellsUsed().First(c => c.GetString() == "Health").Address.RowNumber;
        return (cover.Cell(row, 2).GetString(), cover.Cell(row, 3).GetString());
    }

    /// <summary>`scorecockpit portfolio --json` on the same store, through its data folder.</summary>
    private static async Task<Dictionary<string, (string, string)>> CommandLineAsync(TestStore store)
    {
        using var cli = new CliSandbox();
        var result = await cli.RunRawAsync(new StringReader(""), ["--data", store.DataPath, "portfolio", "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("name").GetString()!,
            e => (e.GetProperty("health").GetString()!, e.GetProperty("health_reason").GetString()!));
    }
}
