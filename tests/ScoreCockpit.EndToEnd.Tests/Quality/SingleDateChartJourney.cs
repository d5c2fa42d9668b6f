using Microsoft.Extensions.DependencyInjection;
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

/// <summary>A metric measured on one reference date only: its chart shows that date, in the cockpit's date style, and nothing else.</summary>
public sealed class SingleDateChartJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Viewer = "vic.single@example.com";
    private const string Password = "Single2026ok";

    private static readonly DemoOptions Options = new(new DateOnly(2026, 2, 28), Customers: 500);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chart_of_one_reference_date_is_ticked_with_that_date_alone()
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
        await page.Locator("#quality-metrics tr[data-metric='row_count'] button").ClickAsync();
        await BrowserFixture.ChartDrawnAsync(page, "quality-chart");

        // Plotly alone would tick milliseconds around the date ("23:59:59.9996"); the chart shows the date itself.
        await Expect(page.Locator("#quality-chart .xtick text")).ToHaveTextAsync(["2025-12-31"]);
        await BrowserFixture.ScreenshotAsync(page, "63-single-date-chart");
    }

    /// <summary>The demo's churn extract measured on one month-end only, through the engine's own handlers.</summary>
    private async Task SeedAsync()
    {
        var services = browser.Portal.Services;
        await using (var session = await services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct))
        {
            await DemoWarehouse.BuildAsync(session, Options, ct: Ct);
        }

        await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(DemoScores.Churn), Actor.System, Ct);
        MetricDefinition[] metrics = [new() { Name = "row_count", Kind = MetricKind.RowCount }];
        var date = Options.ReferenceDate(28);
        Assert.Equal(new DateOnly(2025, 12, 31), date);
        var variables = BuiltInVariables.For(date, 3).ToDictionary(v => v.Name);
        await services.GetRequiredService<ComputeMetricsHandler>().ComputeAsync(
            new ComputeMetrics("churn", new DatasetDefinition { Table = "usage_${date_ref_yyyymm}" }, metrics, date, variables), Ct);
    }
}
