using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>An analyst explores the demo: the scores, the churn snapshots and their profile, the definition, a copy.</summary>
public sealed class ScoresJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "ana.lyst@example.com";
    private const string Password = "Analyst2026ok";

    [Fact]
    public async Task An_analyst_reads_the_churn_snapshots_and_copies_the_score()
    {
        if (browser.MissingChromium is null)
        {
            await browser.InstallDemoAsync(3_000);
        }

        await browser.Portal.AddUserAsync(Email, Password, "Analyst");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Scores", Exact = true }).ClickAsync();
        foreach (var name in new[] { "churn", "cross-sell", "renewal" })
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await BrowserFixture.ScreenshotAsync(page, "20-scores");

        await page.GetByRole(AriaRole.Link, new() { Name = "churn", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "churn" })).ToBeVisibleAsync();
        // Performance comes first; with no version yet it says how to get one. The snapshots are one tab along.
        await Expect(page.Locator("#performance-empty")).ToContainTextAsync("No evaluation yet");
        // A tab clicked before the circuit is interactive would be ignored.
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await BrowserFixture.OpenTabAsync(page, "Snapshots");
        await BrowserFixture.ChartDrawnAsync(page, "snapshot-plot");
        // 30 monthly snapshots, the newest first, each saying whether its labels are final; the churn labels of the
        // last two month-ends were read before their horizon was over. The profile of the newest is open.
        await Expect(page.Locator("table tbody tr").Filter(new() { HasText = "final" })).ToHaveCountAsync(30);
        var clock = new ScoreCockpit.Engine.Settings.CockpitClock(TimeProvider.System, ScoreCockpit.Engine.Settings.CockpitTimeZone.Default);
        var pending = ScoreCockpit.Engine.Demo.DemoOptions.ForToday(clock).ReferenceDates()
            .Count(d => ScoreCockpit.Engine.Snapshots.LabelMaturity.FinalOn(d, 2) > clock.Today);
        await Expect(page.Locator("table tbody tr").Filter(new() { HasText = "pending" })).ToHaveCountAsync(pending);
        await Expect(page.Locator("#profile-title")).ToContainTextAsync("Profile of");
        await Expect(page.GetByText("customer_id · key")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "21-churn-snapshots");

        // A first version, trained on demand and activated with a reason that stays in the history.
        await BrowserFixture.OpenTabAsync(page, "Versions");
        await page.ClickAsync("#train-now");
        // Training then evaluating the new version on every labelled month takes a few seconds.
        await Expect(page.Locator("#versions-table")).ToContainTextAsync("v1", new() { Timeout = 120_000 });
        await Expect(page.Locator("#versions-table")).Not.ToContainTextAsync("active");
        await page.ClickAsync("#activate-v1");
        await page.ClickAsync("#activation-confirm");
        await Expect(page.Locator("#versions-error")).ToContainTextAsync("comment is required");
        await page.FillAsync("#activation-comment", "First churn model for the retention campaign");
        await page.ClickAsync("#activation-confirm");
        await Expect(page.Locator("#versions-table")).ToContainTextAsync("active");
        await Expect(page.Locator("#activation-history")).ToContainTextAsync("First churn model for the retention campaign");
        await BrowserFixture.ScreenshotAsync(page, "25-churn-versions");

        await BrowserFixture.OpenTabAsync(page, "Definition");
        await Expect(page.Locator("#definition-sql")).ToContainTextAsync("usage_${date_ref_yyyymm}");
        await BrowserFixture.ScreenshotAsync(page, "22-churn-definition");

        await page.ClickAsync("#clone-score");
        await page.FillAsync("#clone-name", "churn-fibre");
        await page.ClickAsync("#clone-confirm");
        await Expect(page).ToHaveURLAsync(new Regex("/scores/churn-fibre/edit$"));
        await Expect(page.Locator("#score-sql")).ToContainTextAsync("usage_${date_ref_yyyymm}");

        // Trying the SQL shows the columns and rows the dataprep returns for one date.
        await page.ClickAsync("#try-sql");
        await Expect(page.Locator("#preview-columns")).ToContainTextAsync("churned");
        await BrowserFixture.ScreenshotAsync(page, "23-editor-preview");

        // A typo in the SQL comes back in the warehouse's own words.
        await page.Locator("#score-sql").FillAsync("SELECT customer_id FROM usage_${date_ref_yyyymm} WHERE nonsense_column = 1");
        await page.ClickAsync("#try-sql");
        await Expect(page.Locator("#preview-error")).ToContainTextAsync("nonsense_column");
        await BrowserFixture.ScreenshotAsync(page, "24-editor-sql-error");
    }
}
