using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Accounts;
using ScoreCockpit.Web.Components.Pages.Scores.Scoring;
using ScoreCockpit.Web.Tests.Versions;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scoring;

/// <summary>The Scoring tab over the real engine and store of a test portal: what a viewer and an analyst see and may do.</summary>
public sealed class ScoringPanelTests : BunitContext
{
    private readonly PortalFactory _portal = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ScoringPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<ListScoringRunsHandler>());
        Services.AddSingleton(_portal.Services.GetRequiredService<ScoreCockpit.Engine.Units.UnitDispatcher>());
        Services.AddScoped<CurrentActor>();
    }

    /// <summary>Two registered churn versions (none active) and, optionally, three runs: January, February, then a failed March.</summary>
    private async Task<ScoreDefinition> SeedAsync(bool runs)
    {
        await VersionSeed.ChurnAsync(_portal.Services, 2, Ct);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        var score = await db.Scores.SingleAsync(Ct);
        if (runs)
        {
            var versions = await db.ModelVersions.OrderBy(v => v.Number).Select(v => v.Id).ToListAsync(Ct);
            db.ScoringRuns.AddRange(
                Run(score.Id, versions[0], new DateOnly(2026, 1, 31), 1, ScoringStatus.Succeeded, null),
                Run(score.Id, versions[1], new DateOnly(2026, 2, 28), 2, ScoringStatus.Succeeded, 0.1234),
                Run(score.Id, versions[1], new DateOnly(2026, 3, 31), 3, ScoringStatus.Failed, null));
            await db.SaveChangesAsync(Ct);
        }

        return (await _portal.Services.GetRequiredService<GetScoreHandler>().HandleAsync(VersionSeed.Score, Ct)).Definition;
    }

    private static ScoringRun Run(int score, long version, DateOnly date, int hour, ScoringStatus status, double? psi) => new()
    {
        ScoreId = score,
        VersionId = version,
        ReferenceDate = date,
        Status = status,
        OutputTable = "scores_churn",
        StartedAt = new DateTime(2026, 4, 1, hour, 0, 0, DateTimeKind.Utc),
        FinishedAt = new DateTime(2026, 4, 1, hour, 0, 3, DateTimeKind.Utc),
        StartedBy = "ana@example.com",
        Owner = "elsewhere:1",
        Rows = status == ScoringStatus.Succeeded ? 12_345 : 0,
        Mean = status == ScoringStatus.Succeeded ? 0.0345 : null,
        HistogramJson = status == ScoringStatus.Succeeded ? "[0.5,0.3,0.1,0.1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]" : "[]",
        ScorePsi = psi,
        FeaturePsiJson = status == ScoringStatus.Succeeded ? """[{"column":"minutes","psi":0.3},{"column":"plan","psi":0.01}]""" : "[]",
        WarningsJson = """["The feature 'sms_count' is missing from the snapshot scored: no drift measured for it."]""",
        Failure = status == ScoringStatus.Failed ? "The warehouse refused the query: table snap_churn_20260331 does not exist." : null,
        DurationMs = 3_000,
    };

    [Fact]
    public async Task A_viewer_reads_the_runs_and_downloads_but_has_no_score_now()
    {
        var score = await SeedAsync(runs: true);
        AddAuthorization().SetAuthorized("vic@example.com").SetRoles(Roles.Viewer);

        var panel = Render<ScoringPanel>(p => p.Add(c => c.Score, score));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#scoring-runs")));

        Assert.Empty(panel.FindAll("#score-now, #scoring-date"));
        // The newest run failed: the summary says so, with its reason, while downloads and charts use February's scores.
        Assert.Equal("2026-03-31", panel.Find("#summary-date").TextContent.Trim());
        Assert.Contains("failed", panel.Find("#summary-status").TextContent, StringComparison.Ordinal);
        Assert.Contains("does not exist", panel.Find("#summary-status").TextContent, StringComparison.Ordinal);
        Assert.Equal("/scores/churn/scores.csv?date=2026-02-28", panel.Find("#download-csv").GetAttribute("href"));
        Assert.Equal("/scores/churn/scores.xlsx?date=2026-02-28", panel.Find("#download-excel").GetAttribute("href"));
        Assert.Equal(["2026-03-31", "2026-02-28", "2026-01-31"],
            panel.FindAll("#scoring-runs tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var february = panel.FindAll("#scoring-runs tbody tr")[1].TextContent;
        Assert.Contains(ScoringText.Psi(0.1234), february, StringComparison.Ordinal);
        Assert.Contains("warning", february, StringComparison.Ordinal);
        Assert.Contains(ScoringText.Rows(12_345), february, StringComparison.Ordinal);
        Assert.NotNull(panel.Find("#scoring-distribution"));
        Assert.NotNull(panel.Find("#scoring-psi"));
        Assert.NotNull(panel.Find("#scoring-features"));
        Assert.Contains("sms_count", panel.Find("#scoring-warnings").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_without_runs_is_told_there_is_none_yet()
    {
        var score = await SeedAsync(runs: false);
        AddAuthorization().SetAuthorized("vic@example.com").SetRoles(Roles.Viewer);

        var panel = Render<ScoringPanel>(p => p.Add(c => c.Score, score));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#scoring-empty")));

        Assert.Equal("No scoring run yet.", panel.Find("#scoring-empty").TextContent.Trim());
        Assert.Empty(panel.FindAll("#score-now, #download-csv"));
    }

    [Fact]
    public async Task An_analyst_gets_score_now_and_a_clear_error_while_no_version_is_active()
    {
        var score = await SeedAsync(runs: false);
        AddAuthorization().SetAuthorized("ana@example.com").SetRoles(Roles.Analyst);
        Render<MudPopoverProvider>();

        var panel = Render<ScoringPanel>(p => p.Add(c => c.Score, score));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#scoring-empty")));
        Assert.Contains("Activate a version on the Versions tab, then “Score now”", panel.Find("#scoring-empty").TextContent, StringComparison.Ordinal);

        panel.Find("#score-now").Click();

        panel.WaitForAssertion(() => Assert.Contains("no active version", panel.Find("#scoring-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("Versions tab", panel.Find("#scoring-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("Score now", panel.Find("#score-now").TextContent.Trim());
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.ScoringRuns.CountAsync(Ct));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _portal.Dispose();
        }
    }
}
