using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Cockpit;

/// <summary>
/// The business owner's Monday morning: a Viewer opens the overview, sees churn flagged, opens it, sees the version in
/// production decay after the month-14 drift, and takes the Excel report to the meeting.
/// </summary>
public sealed class ViewerJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Viewer = "vic.monday@example.com";
    private const string Password = "Monday2026ok";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_sees_churn_decay_after_the_drift_and_downloads_its_excel_report()
    {
        var (before, after) = browser.MissingChromium is null ? await SeedAsync() : (0, 0);
        await browser.Portal.AddUserAsync(Viewer, Password, Roles.Viewer);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Viewer);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        // The overview flags churn: its production AUC fell well below where it started.
        var churn = page.Locator("#portfolio-table tr", new() { Has = page.Locator("a.score-link", new() { HasText = "churn" }) });
        await Expect(churn.Locator(".health-chip")).ToHaveAttributeAsync("data-health", new System.Text.RegularExpressions.Regex("^(Decaying|Watch)$"));
        await Expect(churn.Locator(".portfolio-change")).ToContainTextAsync("▼");
        await BrowserFixture.ScreenshotAsync(page, "80-monday-overview");

        Assert.EndsWith("scores/churn", await churn.Locator("a.score-link").GetAttributeAsync("href"), StringComparison.Ordinal);
        await page.GotoAsync("/scores/churn");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await BrowserFixture.ChartDrawnAsync(page, "performance-chart");
        await BrowserFixture.ChartDrawnAsync(page, "gains-chart");
        Assert.True(before - after > 0.05, $"The seeded drift should show: AUC {before:0.000} before month 14, {after:0.000} at the end.");
        await BrowserFixture.ScreenshotAsync(page, "81-monday-churn-decay");

        // A Viewer reads and downloads, and is offered nothing else.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Build snapshot" })).ToHaveCountAsync(0);
        var href = await page.Locator("#excel-report").GetAttributeAsync("href");
        Assert.EndsWith("/scores/churn/report.xlsx", href, StringComparison.Ordinal);
        var response = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        using var book = new XLWorkbook(new MemoryStream(await response.BodyAsync()));
        Assert.Contains(book.Worksheets, s => s.Name == "AUC");
        Assert.Contains(book.Worksheets, s => s.Name == "Activations");
        var cover = book.Worksheet("Cover");
        Assert.Contains("churn", cover.Cell(1, 1).GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, book.Worksheet("Activations").Cell(2, 1).GetValue<int>());
    }

    /// <summary>Churn's first version trained before the drift, in production since; its AUC on the month before the drift and on the last labelled month.</summary>
    private async Task<(double Before, double After)> SeedAsync()
    {
        await browser.InstallDemoAsync(3_000);
        var services = browser.Portal.Services;
        var analyst = Actor.Of("ana.seed@example.com", Roles.Analyst);
        var options = DemoOptions.ForToday(new ScoreCockpit.Engine.Settings.CockpitClock(TimeProvider.System, ScoreCockpit.Engine.Settings.CockpitTimeZone.Default));
        var preDrift = options.ReferenceDate(DemoStory.DriftMonth - 5).AddDays(1);
        var train = services.GetRequiredService<TrainVersionHandler>();
        await train.HandleAsync(new TrainVersion("churn", preDrift), analyst, Ct);
        await train.HandleAsync(new TrainVersion("churn", DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime)), analyst, Ct);
        await services.GetRequiredService<ActivateVersionHandler>().HandleAsync(
            new ActivateVersion("churn", 1, "first churn model", preDrift.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)), analyst, Ct);
        await services.GetRequiredService<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), analyst, ct: Ct);
        var line = await services.GetRequiredService<PerformanceQueries>().ActiveOverTimeAsync("churn", "auc", Ct);
        var outOfTime = line.Where(p => !p.InSample && p.Value is not null).ToList();
        Assert.True(outOfTime.Count > 2 && outOfTime[0].Date <= options.ReferenceDate(DemoStory.DriftMonth), "v1 has out-of-time months before and after the drift");
        return (outOfTime[0].Value!.Value, outOfTime[^1].Value!.Value);
    }
}
