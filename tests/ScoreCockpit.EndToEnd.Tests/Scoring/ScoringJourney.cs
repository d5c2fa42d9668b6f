using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Snapshots;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Scoring;

/// <summary>An analyst scores the churn customers from the Scoring tab, reads the drift and downloads the scores; a viewer only reads.</summary>
public sealed class ScoringJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Analyst = "ana.scorer@example.com";
    private const string Viewer = "vic.reader@example.com";
    private const string Password = "Scoring2026ok";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_analyst_scores_now_reads_the_drift_and_downloads_the_scores()
    {
        var latest = browser.MissingChromium is null ? await SeedAsync() : default;
        await browser.Portal.AddUserAsync(Analyst, Password, Roles.Analyst);
        await browser.Portal.AddUserAsync(Viewer, Password, Roles.Viewer);

        var page = await SignInAsync(Analyst);
        await OpenScoringTabAsync(page);
        await Expect(page.Locator("#scoring-runs tbody tr")).ToHaveCountAsync(2);

        // The date picker starts on the latest snapshot, which the seeded runs have not scored yet.
        await Expect(page.Locator("#scoring-date input, input#scoring-date").First).ToHaveValueAsync(latest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#score-now");
        await Expect(page.Locator("#scoring-runs tbody tr")).ToHaveCountAsync(3, new() { Timeout = 60_000 });
        // The confirmation names what was written.
        await BrowserFixture.SnackbarShownAsync(page, "into scores_churn");
        await Expect(page.Locator("#summary-date")).ToHaveTextAsync(ScoringTextDate(latest));
        await Expect(page.Locator("#summary-status")).ToContainTextAsync("succeeded");
        await Expect(page.Locator("#summary-version")).ToHaveTextAsync("v1");
        await Expect(page.Locator("#summary-psi .drift-level, #scoring-summary .drift-level").First).ToBeVisibleAsync();
        await BrowserFixture.ChartDrawnAsync(page, "scoring-distribution");
        await BrowserFixture.ChartDrawnAsync(page, "scoring-psi");
        await BrowserFixture.ChartDrawnAsync(page, "scoring-features");
        // The previous run is drawn against the latest one.
        await Expect(page.Locator("#scoring-distribution .legendtext")).ToHaveCountAsync(2);

        // Gone (it hides itself) before the screenshots, so it does not cover the page header.
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "40-scoring-tab");
        await BrowserFixture.ChartRedrawnAsync(page, "scoring-distribution",
            () => page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync());
        await BrowserFixture.ChartDrawnAsync(page, "scoring-psi");
        await BrowserFixture.ScreenshotAsync(page, "41-scoring-tab-dark");

        // A viewer reads the same runs and downloads, with no action to take.
        var reader = await SignInAsync(Viewer);
        await OpenScoringTabAsync(reader);
        await Expect(reader.Locator("#scoring-runs tbody tr")).ToHaveCountAsync(3);
        await Expect(reader.Locator("#download-csv")).ToBeVisibleAsync();
        await Expect(reader.Locator("#score-now")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(reader, "42-scoring-viewer");

        // The download links point at the scores just written.
        var csv = await page.Locator("#download-csv").GetAttributeAsync("href");
        Assert.Equal($"/scores/churn/scores.csv?date={ScoringTextDate(latest)}", csv);
        Assert.Equal($"/scores/churn/scores.xlsx?date={ScoringTextDate(latest)}",
            await page.Locator("#download-excel").GetAttributeAsync("href"));
        // The page's own request context carries the sign-in cookie, as a click on the link would.
        var response = await page.APIRequest.GetAsync(csv!);
        Assert.Equal(200, response.Status);
        var header = (await response.TextAsync()).Split('\n')[0];
        Assert.Contains("customer_id", header, StringComparison.Ordinal);
        Assert.Contains("score", header, StringComparison.Ordinal);
    }

    private static string ScoringTextDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        return page;
    }

    private static async Task OpenScoringTabAsync(IPage page)
    {
        await page.GotoAsync("/scores/churn");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await BrowserFixture.OpenTabAsync(page, "Scoring");
        await Expect(page.Locator("#scoring-runs")).ToBeVisibleAsync();
    }

    /// <summary>
    /// A small demo with one churn version, active, that already scored the two months before the latest snapshot:
    /// the journey's run then has a previous one to drift from. Returns the latest snapshot's date.
    /// </summary>
    private async Task<DateOnly> SeedAsync()
    {
        await browser.InstallDemoAsync(3_000);
        var services = browser.Portal.Services;
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        await services.GetRequiredService<TrainVersionHandler>().HandleAsync(new TrainVersion("churn", today), Actor.System, Ct);
        await services.GetRequiredService<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 1, "first churn model"), Actor.System, Ct);
        var dates = (await services.GetRequiredService<ListSnapshotsHandler>().HandleAsync("churn", Ct)).Select(s => s.ReferenceDate)
            .OrderDescending().ToList();
        var analyst = Actor.Of("ana.scorer@example.com", Roles.Analyst);
        foreach (var date in new[] { dates[2], dates[1] })
        {
            await services.GetRequiredService<RunScoringHandler>().HandleAsync(new RunScoring("churn", date), analyst, Ct);
        }

        return dates[0];
    }
}
