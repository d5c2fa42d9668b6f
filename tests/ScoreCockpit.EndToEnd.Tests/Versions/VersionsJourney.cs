using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Versions;

/// <summary>An analyst reads a trained churn version's page, then purges the old versions with a preview first.</summary>
public sealed class VersionsJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "ana.lyst@example.com";
    private const string Password = "Analyst2026ok";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_analyst_reads_a_version_then_purges_old_ones_after_a_preview()
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

        // From the Versions tab, the version number opens the version's page.
        await page.GotoAsync("/scores/churn");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await BrowserFixture.OpenTabAsync(page, "Versions");
        await page.ClickAsync("#version-link-v3");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "churn · v3" })).ToBeVisibleAsync();
        await Expect(page.Locator("#version-chips")).ToContainTextAsync("active");
        await BrowserFixture.ChartDrawnAsync(page, "importance-plot");
        await Expect(page.Locator("#features-table tbody tr").First).ToBeVisibleAsync();
        // v2 predates month 24, when the extracts stopped delivering sms_count.
        await Expect(page.Locator("#schema-diff")).ToContainTextAsync("sms_count");
        await BrowserFixture.ScreenshotAsync(page, "26-version-detail");

        // The scoring plan the version is scored with, readable by anyone signed in.
        await Expect(page.Locator("#scoring-plan")).ToContainTextAsync("JSON");
        var plan = await page.Context.APIRequest.GetAsync(await page.Locator("#scoring-plan a", new() { HasText = "JSON" }).GetAttributeAsync("href") ?? "");
        Assert.Equal(200, plan.Status);
        Assert.Contains("\"format\":1", await plan.TextAsync(), StringComparison.Ordinal);

        // The plan as SQL: for the score's own warehouse first, then for another chosen.
        await page.ClickAsync("#show-sql");
        await Expect(page.Locator("#sql-text")).ToContainTextAsync("written as SQL for DuckDB");
        await page.Locator("#version-sql .mud-select .mud-input-control-input-container").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Teradata" }).ClickAsync();
        await Expect(page.Locator("#sql-text")).ToContainTextAsync("written as SQL for Teradata");
        await Expect(page.Locator("#sql-download")).ToHaveAttributeAsync("href", "/scores/churn/versions/3/plan.sql?dialect=teradata");
        await BrowserFixture.ScreenshotAsync(page, "30-version-sql");
        await page.ClickAsync("#sql-close");
        await Expect(page.Locator("#version-sql")).ToHaveCountAsync(0);

        await BrowserFixture.ChartRedrawnAsync(page, "importance-plot",
            () => page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync());
        await BrowserFixture.ScreenshotAsync(page, "29-version-detail-dark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync();

        // The purge previews first: v1 goes, v2 (previously active) and v3 (active) stay.
        await page.ClickAsync("#back-to-score");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "churn", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.OpenTabAsync(page, "Versions");
        await page.ClickAsync("#purge-open");
        await page.ClickAsync("#purge-preview");
        await Expect(page.Locator("#purge-plan")).ToContainTextAsync("Would delete the artifacts of v1.");
        await Expect(page.Locator("#purge-plan")).ToContainTextAsync("Keeps v2: previously active");
        await Expect(page.Locator("#purge-plan")).ToContainTextAsync("Keeps v3: active.");
        await BrowserFixture.ScreenshotAsync(page, "27-purge-preview");

        await page.ClickAsync("#purge-confirm");
        await Expect(page.Locator("#purge-done")).ToContainTextAsync("Deleted the artifacts of v1; kept v2, v3.");
        await Expect(page.Locator("#versions-table tbody tr").Last).ToContainTextAsync("purged");
        await BrowserFixture.ScreenshotAsync(page, "28-purge-done");

        // The purged version keeps its page, saying its model is gone.
        await page.ClickAsync("#version-link-v1");
        await Expect(page.Locator("#artifact-purged")).ToContainTextAsync("purged on");
    }

    /// <summary>Three monthly churn versions of the demo, around its month-18 schema change; v2 then v3 activated.</summary>
    private async Task SeedAsync()
    {
        await browser.InstallDemoAsync(3_000);
        var services = browser.Portal.Services;
        var train = services.GetRequiredService<TrainVersionHandler>();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        foreach (var monthsAgo in new[] { 12, 9, 0 })
        {
            await train.HandleAsync(new TrainVersion("churn", today.AddMonths(-monthsAgo)), Actor.System, Ct);
        }

        var activate = services.GetRequiredService<ActivateVersionHandler>();
        await activate.HandleAsync(new ActivateVersion("churn", 2, "first churn model"), Actor.System, Ct);
        await activate.HandleAsync(new ActivateVersion("churn", 3, "retrained on recent months"), Actor.System, Ct);
    }
}
