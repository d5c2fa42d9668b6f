using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Compare;

/// <summary>An analyst reads the churn score's performance, compares the newest version with the active one, and promotes it.</summary>
public sealed class CompareJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "ana.lyst@example.com";
    private const string Password = "Analyst2026ok";
    private const string Comment = "v3 beats v2 on the same customers";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_analyst_compares_the_newest_version_with_the_active_one_and_activates_it()
    {
        if (browser.MissingChromium is null)
        {
            await SeedAsync();
        }

        await browser.Portal.AddUserAsync(Email, Password, Roles.Analyst);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        // Performance is the first tab: the chart, every version on the latest date, DeLong against the active v2.
        await page.GotoAsync("/scores/churn");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await BrowserFixture.ChartDrawnAsync(page, "performance-chart");
        // The champion table scores every shown version on demand on the same cores: allow a busy machine its time.
        await Expect(page.Locator("#champion-v2")).ToContainTextAsync("active", new() { Timeout = 60_000 });
        await Expect(page.Locator("#champion-v3 .delong")).ToContainTextAsync("[");
        await BrowserFixture.ChartDrawnAsync(page, "gains-chart");
        await Expect(page.Locator("#decile-table tbody tr")).ToHaveCountAsync(10);
        await BrowserFixture.ScreenshotAsync(page, "60-performance");

        await BrowserFixture.ChartRedrawnAsync(page, "performance-chart",
            () => page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync());
        await BrowserFixture.ScreenshotAsync(page, "61-performance-dark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync();

        // "Compare with active" opens the compare page for v2 and v3, up to that date.
        await page.ClickAsync("#compare-v3");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "churn · compare versions" })).ToBeVisibleAsync();
        await Expect(page.Locator("#compare-median")).ToContainTextAsync("Median over dates");
        await Expect(page.Locator("#verdict-v3")).ToContainTextAsync("[");
        await BrowserFixture.ChartDrawnAsync(page, "compare-chart");
        await BrowserFixture.ChartDrawnAsync(page, "compare-gains-chart");
        await Expect(page.Locator("#activate-v2")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "62-compare");

        // Activation needs a comment; the history then shows who, when and why.
        await page.ClickAsync("#activate-v3");
        await Expect(page.Locator("#compare-activation-confirm")).ToBeDisabledAsync();
        await page.FillAsync("#compare-activation-comment", Comment);
        await page.ClickAsync("#compare-activation-confirm");
        await Expect(page.Locator("#compare-activation-comment")).ToHaveCountAsync(0);
        await Expect(page.Locator("#compare-history")).ToContainTextAsync(Comment);
        await Expect(page.Locator("#compare-history")).ToContainTextAsync(Email);
        await Expect(page.Locator("#verdict-v3")).ToContainTextAsync("reference");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, "63-compare-activated");
    }

    /// <summary>Three churn versions of the demo, the newest trained three months ago so the latest labelled date is out-of-time for all; v2 active.</summary>
    private async Task SeedAsync()
    {
        await browser.InstallDemoAsync(3_000);
        var services = browser.Portal.Services;
        var train = services.GetRequiredService<TrainVersionHandler>();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        foreach (var monthsAgo in new[] { 12, 9, 3 })
        {
            await train.HandleAsync(new TrainVersion("churn", today.AddMonths(-monthsAgo)), Actor.System, Ct);
        }

        await services.GetRequiredService<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Actor.System, ct: Ct);
        await services.GetRequiredService<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 2, "first churn model"), Actor.System, Ct);
    }
}
