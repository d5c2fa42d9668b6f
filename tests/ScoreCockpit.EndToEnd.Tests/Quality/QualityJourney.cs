using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Quality;

/// <summary>A viewer opens Data quality after a year of monthly checks on the demo's extracts, one of which lost 30 % of its rows.</summary>
public sealed class QualityJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Viewer = "vic.quality@example.com";
    private const string Password = "Quality2026ok";

    private static readonly DemoOptions Options = new(new DateOnly(2026, 2, 28), Customers: 2_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_sees_the_incident_month_in_error_and_the_row_count_chart()
    {
        if (browser.MissingChromium is null)
        {
            await SeedAsync();
        }

        await browser.Portal.AddUserAsync(Viewer, Password, Roles.Viewer);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Viewer);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        await page.GotoAsync("/quality");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("#quality-checks tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#quality-checks tr[data-check='volumetry'] .check-status")).ToHaveTextAsync("OK");
        await page.Locator("#quality-metrics tr[data-metric='row_count'] button").ClickAsync();
        await Expect(page.Locator("#quality-chart-title")).ToHaveTextAsync("row_count of churn over reference dates");
        await BrowserFixture.ChartDrawnAsync(page, "quality-chart");
        await Expect(page.Locator("#quality-chart .legendtext")).ToContainTextAsync(["row_count", "OK", "ERROR"]);
        await BrowserFixture.ScreenshotAsync(page, "60-data-quality");
        await BrowserFixture.ChartRedrawnAsync(page, "quality-chart",
            () => page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync());
        await BrowserFixture.ScreenshotAsync(page, "61-data-quality-dark");

        // The bounds check's warning and error bounds are drawn on its metric's chart.
        await BrowserFixture.ChartRedrawnAsync(page, "quality-chart",
            () => page.Locator("#quality-metrics tr[data-metric='mean_charges'] button").ClickAsync());
        await Expect(page.Locator("#quality-chart-title")).ToHaveTextAsync("mean_charges of churn over reference dates");
        await Expect(page.Locator("#quality-chart .shapelayer path")).ToHaveCountAsync(4);
        await BrowserFixture.ScreenshotAsync(page, "62-data-quality-bounds");
    }

    /// <summary>The demo's extracts measured and checked for months 15 to 24, through the engine's own handlers.</summary>
    private async Task SeedAsync()
    {
        var services = browser.Portal.Services;
        await using (var session = await services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct))
        {
            await DemoWarehouse.BuildAsync(session, Options, ct: Ct);
        }

        await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(DemoScores.Churn), Actor.System, Ct);
        MetricDefinition[] metrics =
            [new() { Name = "row_count", Kind = MetricKind.RowCount }, new() { Name = "mean_charges", Kind = MetricKind.Mean, Column = "monthly_charges" }];
        CheckDefinition[] checks =
        [
            new() { Name = "volumetry", Kind = CheckKind.Change, Metric = "row_count", WarningChangePercent = 10, ErrorChangePercent = 20 },
            new() { Name = "charges", Kind = CheckKind.Bounds, Metric = "mean_charges", WarningMin = 20, WarningMax = 60, ErrorMin = 10, ErrorMax = 80 },
        ];
        for (var month = 15; month <= 24; month++)
        {
            var date = Options.ReferenceDate(month);
            var variables = BuiltInVariables.For(date, 3).ToDictionary(v => v.Name);
            await services.GetRequiredService<ComputeMetricsHandler>().ComputeAsync(
                new ComputeMetrics("churn", new DatasetDefinition { Table = "usage_${date_ref_yyyymm}" }, metrics, date, variables), Ct);
            await services.GetRequiredService<RunChecksHandler>().RunAsync(new RunChecks("churn", checks, date, variables), Ct);
        }
    }
}
