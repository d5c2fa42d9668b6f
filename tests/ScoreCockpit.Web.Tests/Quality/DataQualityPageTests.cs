using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Components.Pages.Quality;
using ScoreCockpit.Web.Tests.Versions;
using Xunit;

namespace ScoreCockpit.Web.Tests.Quality;

/// <summary>The Data quality page over the real store of a test portal.</summary>
public sealed class DataQualityPageTests : BunitContext
{
    private static readonly DateOnly[] Months = [new(2026, 1, 31), new(2026, 2, 28), new(2026, 3, 31)];

    private readonly PortalFactory _portal = new();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public DataQualityPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<QualityQueries>());
    }

    /// <summary>The churn score's row count over three months, checked by bounds and by change; March lost 30 % of its rows.</summary>
    private async Task SeedAsync()
    {
        await VersionSeed.ChurnAsync(_portal.Services, 0, Ct);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        var score = await db.Scores.SingleAsync(Ct);
        double[] rows = [10_000, 10_100, 7_070];
        for (var i = 0; i < Months.Length; i++)
        {
            var status = i == 2 ? CheckStatus.Error : CheckStatus.Ok;
            db.QualityMeasurements.Add(new QualityMeasurement
            {
                ScoreId = score.Id,
                MetricName = "row_count",
                Dataset = $"usage_2026{i + 1:00}",
                ReferenceDate = Months[i],
                Value = rows[i],
                MeasuredAt = new DateTime(2026, 4, 1, 6, i, 0, DateTimeKind.Utc),
            });
            db.CheckResults.Add(Check(score.Id, "volumetry", "change", Months[i], status, rows[i], i == 2 ? "row_count 7,070 is 30 % below" : "fine"));
            db.CheckResults.Add(Check(score.Id, "size", "bounds", Months[i], i == 2 ? CheckStatus.Warning : CheckStatus.Ok, rows[i], "in range", 8_000, 5_000));
        }

        db.QualityMeasurements.Add(new QualityMeasurement
        {
            MetricName = "customers",
            Dataset = "customers",
            ReferenceDate = Months[2],
            Value = 12_000,
            MeasuredAt = new DateTime(2026, 4, 1, 6, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync(Ct);
    }

    private static CheckResult Check(int score, string name, string kind, DateOnly date, CheckStatus status, double value, string message,
        double? warningMin = null, double? errorMin = null) => new()
        {
            ScoreId = score,
            CheckName = name,
            Kind = kind,
            MetricName = "row_count",
            Status = status,
            Value = value,
            Message = message,
            ReferenceDate = date,
            CheckedAt = new DateTime(2026, 4, 1, 7, 0, 0, DateTimeKind.Utc),
            WarningMin = warningMin,
            ErrorMin = errorMin,
        };

    [Fact]
    public async Task Checks_show_their_latest_status_in_words_and_the_checked_metric_is_charted()
    {
        await SeedAsync();
        AddAuthorization().SetAuthorized("vic@example.com").SetRoles(Roles.Viewer);
        Render<MudPopoverProvider>();

        var page = Render<DataQuality>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#quality-checks")));

        var statuses = page.FindAll("#quality-checks tbody tr")
            .ToDictionary(r => r.GetAttribute("data-check")!, r => r.QuerySelector(".check-status")!.TextContent.Trim());
        Assert.Equal(new Dictionary<string, string> { ["size"] = "WARNING", ["volumetry"] = "ERROR" }, statuses);
        Assert.Contains("30 % below", page.Find("#quality-checks tr[data-check='volumetry']").TextContent, StringComparison.Ordinal);
        Assert.Equal(["customers", "row_count"], page.FindAll("#quality-metrics tbody tr").Select(r => r.GetAttribute("data-metric")!).Order());
        Assert.Contains("(no score)", page.Find("#quality-metrics tr[data-metric='customers']").TextContent, StringComparison.Ordinal);
        Assert.Equal("row_count of churn over reference dates", page.Find("#quality-chart-title").TextContent.Trim());
        Assert.NotNull(page.Find("#quality-chart"));
        Assert.Empty(page.FindAll("#quality-empty"));
    }

    [Fact]
    public void Without_metrics_the_page_says_how_to_get_them()
    {
        AddAuthorization().SetAuthorized("ana@example.com").SetRoles(Roles.Analyst);

        var page = Render<DataQuality>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#quality-empty")));

        var text = page.Find("#quality-empty").TextContent;
        Assert.Contains("No metric has been measured yet.", text, StringComparison.Ordinal);
        Assert.Contains("Add a “compute metrics” step to a scenario", text, StringComparison.Ordinal);
        Assert.Contains("quality_metrics and check_results", text, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#quality-checks, #quality-chart"));
    }

    [Fact]
    public void The_chart_marks_each_date_by_its_worst_check_and_draws_the_latest_bounds()
    {
        var history = Months.Select((d, i) => new QualityMeasurement { MetricName = "row_count", Dataset = "u", ReferenceDate = d, Value = 10 - i }).ToList();
        List<CheckResult> checks =
        [
            Check(1, "size", "bounds", Months[0], CheckStatus.Ok, 10, "", 9, 8),
            Check(1, "volumetry", "change", Months[1], CheckStatus.Warning, 9, ""),
            Check(1, "size", "bounds", Months[1], CheckStatus.Error, 9, "", 9.5, 9.2),
        ];

        var points = MetricChartData.Series(history, checks);
        var bounds = MetricChartData.Bounds(checks);
        var (traces, layout) = MetricChartData.Build("row_count", history, checks, dark: false);

        Assert.Equal([CheckStatus.Ok, CheckStatus.Error, null], points.Select(p => p.Status));
        Assert.Equal([("error min", 9.2), ("warning min", 9.5)], bounds.Select(b => (b.Name, b.Value)));
        Assert.Equal(["row_count", "OK", "ERROR", "not checked"], traces.Select(t => ((Plotly.Blazor.Traces.Scatter)t).Name));
        Assert.Equal(2, layout.Shapes.Count);
        Assert.All(layout.Shapes, s => Assert.Equal("dash", s.Line.Dash));
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
