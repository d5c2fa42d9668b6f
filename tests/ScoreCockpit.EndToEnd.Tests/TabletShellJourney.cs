using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>The shell on a tablet, as a Viewer.</summary>
public sealed class TabletShellJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Shell_is_usable_at_tablet_width()
    {
        await browser.Portal.AddUserAsync("tablet.viewer@example.com", "Tablet2026ok", "Viewer");
        var page = await browser.NewPageAsync(width: 820, height: 1180);
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", "tablet.viewer@example.com");
        await page.FillAsync("#password", "Tablet2026ok");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        // A Viewer is not offered the admin area.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveCountAsync(0);

        // Nor the portal's sign-in activity: the overview is the scores' health.
        await Expect(page.Locator("#signins-plot")).ToHaveCountAsync(0);
        await Expect(page.Locator("#portfolio-table, #portfolio-empty").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "05-tablet-viewer");

        // At tablet width the navigation folds away and opens over the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Scores", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "06-tablet-navigation");

        // The dark theme is one click away and recolours the whole shell.
        await page.Locator(".mud-overlay").ClickAsync();
        await Expect(page.Locator(".mud-overlay")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-drawer--open")).ToHaveCountAsync(0);
        var light = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle theme" }).ClickAsync();
        await Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", light);
        await BrowserFixture.ScreenshotAsync(page, "07-tablet-dark");
    }
}
