using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Snapshots;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Portfolio;

/// <summary>The Overview over the demo: every score with its health, searched and filtered, downloaded as Excel.</summary>
public sealed class OverviewJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Analyst = "ana.overview@example.com";
    private const string Viewer = "vic.overview@example.com";
    private const string Password = "Overview2026ok";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_overview_lists_the_demo_scores_worst_first_and_downloads_the_portfolio()
    {
        if (browser.MissingChromium is null)
        {
            await SeedAsync();
        }

        await browser.Portal.AddUserAsync(Analyst, Password, Roles.Analyst);
        await browser.Portal.AddUserAsync(Viewer, Password, Roles.Viewer);

        var page = await SignInAsync(Analyst);
        var rows = page.Locator("#portfolio-table a.score-link");
        await Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 2);
        var churn = page.Locator("#portfolio-table tr", new() { Has = page.Locator("a.score-link", new() { HasText = "churn" }) });
        await Expect(churn.Locator(".portfolio-auc")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0[.,]\d{3}$"));
        await Expect(churn.Locator("svg.sparkline")).ToBeVisibleAsync();
        await Expect(page.Locator("#health-nodata")).ToContainTextAsync("No data");
        await BrowserFixture.ScreenshotAsync(page, "50-overview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync();
        await Expect(churn.Locator("svg.sparkline")).ToBeVisibleAsync();
        // The theme button's tooltip would cover the download button in the screenshot.
        await page.Mouse.MoveAsync(700, 800);
        await Expect(page.GetByRole(AriaRole.Tooltip)).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "51-overview-dark");

        await page.Locator("#portfolio-search input, input#portfolio-search").First.FillAsync("churn");
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/scores/churn$"));

        Assert.Equal("/reports/portfolio.xlsx", await page.Locator("#download-portfolio").GetAttributeAsync("href"));
        var response = await page.APIRequest.GetAsync("/reports/portfolio.xlsx");
        Assert.Equal(200, response.Status);
        Assert.Equal((byte)'P', (await response.BodyAsync())[0]);

        var reader = await SignInAsync(Viewer);
        await Expect(reader.Locator("#portfolio-table a.score-link").First).ToBeVisibleAsync();
        await Expect(reader.Locator("#download-portfolio")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(reader, "52-overview-viewer");
    }

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

    /// <summary>The small demo with two churn versions evaluated on every labelled month, the older one active and scored.</summary>
    private async Task SeedAsync()
    {
        await browser.InstallDemoAsync(3_000);
        var services = browser.Portal.Services;
        var analyst = Actor.Of(Analyst, Roles.Analyst);
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var train = services.GetRequiredService<TrainVersionHandler>();
        await train.HandleAsync(new TrainVersion("churn", today.AddMonths(-12)), analyst, Ct);
        await train.HandleAsync(new TrainVersion("churn", today), analyst, Ct);
        await services.GetRequiredService<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), analyst, ct: Ct);
        await services.GetRequiredService<ActivateVersionHandler>().HandleAsync(
            new ActivateVersion("churn", 1, "first churn model", today.AddMonths(-11).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)), analyst, Ct);
        var latest = (await services.GetRequiredService<ListSnapshotsHandler>().HandleAsync("churn", Ct)).Max(s => s.ReferenceDate);
        await services.GetRequiredService<RunScoringHandler>().HandleAsync(new RunScoring("churn", latest), analyst, Ct);
    }
}
