using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ScoreCockpit.Tests.Shared.Workbench;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>
/// A new analyst, in one sitting: their own CSV of 24 monthly reference dates uploaded, a score defined on it with its
/// dates read from the column, every snapshot built in one action, the history backfilled from the page, and the
/// forward-performance table read and downloaded. Screenshots at each step.
/// </summary>
public sealed class WorkbenchJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "new.analyst@example.com";
    private const string Password = "Analyst2026ok";

    /// <summary>Building, training and evaluating take seconds to a minute: the waits end as soon as the page says it is done.</summary>
    private static readonly LocatorAssertionsToContainTextOptions Long = new() { Timeout = 600_000 };

    [Fact]
    public async Task A_new_analyst_goes_from_a_csv_to_a_monthly_forward_history_in_the_browser()
    {
        await browser.Portal.AddUserAsync(Email, Password, "Analyst");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        // 1. The data.
        await page.GotoAsync("/data/import");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(
            "() => { const inputs = document.querySelectorAll('input[type=file]'); return inputs.length > 0 && inputs[inputs.length - 1]._blazorInputFileNextFileId !== undefined; }");
        await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "offers.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(OffersCsv.Text()),
        });
        await Expect(page.Locator("#chosen-file")).ToContainTextAsync("offers.csv");
        await page.FillAsync("#import-table", OffersCsv.Table);
        await page.ClickAsync("#import");
        await Expect(page.Locator("#import-report")).ToContainTextAsync("rows into offers", Long);
        await BrowserFixture.ScreenshotAsync(page, "70-workbench-imported");

        // 2. The score, its dates read from the data.
        await page.GotoAsync("/scores/new");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await page.Locator("#score-name").FillAsync("offers");
        await page.Locator("#score-description").FillAsync("Who answers the monthly offer");
        await page.Locator("#score-sql").FillAsync(OffersCsv.Dataprep);
        await page.Locator("#score-target").FillAsync("responded");
        await page.Locator("#score-date").FillAsync("ref_date");
        await page.Locator("#score-horizon").FillAsync("0");
        await page.Locator("div.mud-select", new() { Has = page.Locator("#score-date-rule") }).Last.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "The dates in the data" }).ClickAsync();
        await page.Locator("#score-date-table").FillAsync(OffersCsv.Table);
        await page.Locator("#score-date-table").BlurAsync();
        // The picker offers the column's dates and defaults to the latest one.
        await Expect(page.Locator("#preview-date")).ToHaveValueAsync("2025-12-31", new() { Timeout = 60_000 });
        // A typed date the data does not have: "0 rows", plainly.
        await page.Locator("#preview-date").FillAsync("2023-06-30");
        await page.Locator("#preview-date").PressAsync("Tab");
        await page.ClickAsync("#try-sql");
        await Expect(page.Locator("#preview-empty")).ToContainTextAsync("0 rows for 2023-06-30");
        await page.Locator("#preview-date").FillAsync("2025-12-31");
        await page.Locator("#preview-date").PressAsync("Tab");
        await page.ClickAsync("#try-sql");
        await Expect(page.Locator("#preview-columns")).ToContainTextAsync("spend");
        await BrowserFixture.ScreenshotAsync(page, "71-workbench-defined");

        // Every training setting is in reach and checked as typed: a learning rate of 3 is named with its range.
        await page.Locator("#model-panel").GetByText("Model, training and drift").ClickAsync();
        await page.Locator("#hp-learning_rate").FillAsync("3");
        await page.Locator("#hp-learning_rate").BlurAsync();
        await Expect(page.Locator("#score-problems")).ToContainTextAsync("must be a number from 0.0001 to 1, not 3");
        await page.Locator("#hp-learning_rate").FillAsync("0.05");
        await page.Locator("#hp-learning_rate").BlurAsync();
        await Expect(page.Locator("#score-problems")).ToHaveCountAsync(0);
        await page.ClickAsync("#add-challenger");
        await Expect(page.Locator(".challenger-row")).ToHaveCountAsync(1);
        await page.Locator(".challenger-row input").Last.FillAsync("trees=50");
        await page.Locator(".challenger-row input").Last.BlurAsync();
        await BrowserFixture.ScreenshotAsync(page, "71b-workbench-settings");
        await page.ClickAsync("#save-score");
        await Expect(page).ToHaveURLAsync(new Regex("/scores/offers$"), new() { Timeout = 60_000 });

        // 3. Every snapshot in one action.
        await BrowserFixture.OpenTabAsync(page, "Snapshots");
        await Expect(page.Locator("#range-from")).ToHaveValueAsync("2024-01-31", new() { Timeout = 60_000 });
        await Expect(page.Locator("#range-to")).ToHaveValueAsync("2025-12-31", new() { Timeout = 60_000 });
        await page.ClickAsync("#range-start");
        await Expect(page.Locator("#range-result")).ToContainTextAsync("24 snapshot(s) built.", Long);
        await BrowserFixture.ChartDrawnAsync(page, "snapshot-plot");
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "2024-01-31", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "72-workbench-snapshots");

        // 4. The history, backfilled from the page.
        await BrowserFixture.OpenTabAsync(page, "Versions");
        await page.ClickAsync("#backfill-open");
        await Expect(page.Locator("#backfill-from")).ToHaveValueAsync("2024-01-31", new() { Timeout = 60_000 });
        await page.ClickAsync("#backfill-start");
        await Expect(page.Locator("#backfill-result")).ToContainTextAsync("version(s)", Long);
        await Expect(page.Locator("#backfill-result")).ToContainTextAsync("23 version(s)");
        await BrowserFixture.ScreenshotAsync(page, "73-workbench-backfilled");

        // 5. Each month scored by the version trained before it, read and taken away.
        await page.ReloadAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await BrowserFixture.OpenTabAsync(page, "Performance");
        await Expect(page.Locator("#forward-table")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // December 2025 is scored by the version trained before it (as of November 30th), with a forward AUC and lift
        // with their intervals, beside the best other version (a challenger here).
        var december = page.Locator("#forward-table tr", new() { Has = page.Locator("#forward-2025-12-31") });
        await Expect(december).ToContainTextAsync(new Regex(@"\d\.\d{3} \(\d\.\d{2}–\d\.\d{2}\)"));
        await Expect(december).ToContainTextAsync("challenger-1");
        await Expect(december).ToContainTextAsync("by as-of date");
        await Expect(december).Not.ToContainTextAsync("has no forward figure");
        await page.Locator("#forward-table").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "74-workbench-forward");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#forward-download"));
        var file = Path.Combine(Path.GetTempPath(), $"forward-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(file))
        {
            var sheet = workbook.Worksheets.First();
            Assert.True(sheet.LastRowUsed()!.RowNumber() >= 23, $"{sheet.Name} has {sheet.LastRowUsed()!.RowNumber()} rows");
        }

        File.Delete(file);
    }
}
