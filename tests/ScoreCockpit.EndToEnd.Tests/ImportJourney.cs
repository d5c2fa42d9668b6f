using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>An analyst brings a CSV file into the warehouse from the browser.</summary>
public sealed class ImportJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_csv_upload_becomes_a_typed_table_and_a_malformed_one_changes_nothing()
    {
        await browser.Portal.AddUserAsync("importer@example.com", "Importer2026ok", "Analyst");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", "importer@example.com");
        await page.FillAsync("#password", "Importer2026ok");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Import CSV", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Import a CSV file" })).ToBeVisibleAsync();
        await WaitForFileInputAsync(page);
        await page.Locator("input[type=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "regions.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("Region;Opened;Shops;Premium\nNord;2019-03-01;12;yes\nSud;2020-07-15;8;no\n\"Île-de-France\";2018-01-10;31;yes\n"),
        });
        await Expect(page.Locator("#chosen-file")).ToContainTextAsync("regions.csv");
        await page.FillAsync("#import-table", "regions");
        await page.ClickAsync("#import");

        await Expect(page.Locator("#import-report")).ToContainTextAsync("3 rows into regions");
        await Expect(page.Locator("#import-report")).ToContainTextAsync("Date");
        await Expect(page.Locator("#import-report")).ToContainTextAsync("Boolean");
        await BrowserFixture.ScreenshotAsync(page, "30-import-done");

        await WaitForFileInputAsync(page);
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "broken.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("a,b\n1,2\n3\n4,\"unterminated\n"),
        });
        await Expect(page.Locator("#chosen-file")).ToContainTextAsync("broken.csv");
        await page.FillAsync("#import-table", "regions");
        await page.ClickAsync("#import");
        await Expect(page.Locator("#import-error")).ToContainTextAsync("already exists");

        // Even when asked to replace the table, a malformed file is refused and the table stays as it was.
        await page.GetByLabel("Replace the table if it exists").CheckAsync();
        await page.ClickAsync("#import");
        await Expect(page.Locator("#import-error")).ToContainTextAsync("line 3");
        await BrowserFixture.ScreenshotAsync(page, "31-import-refused");
        var connector = browser.Portal.Services.GetRequiredService<WarehouseConnector>();
        await using var warehouse = await connector.OpenAsync(WarehouseConnectionInfo.Demo(new DataFolder(browser.Portal.DataPath)));
        Assert.Equal(3, await warehouse.CountRowsAsync("regions"));
    }

    /// <summary>Blazor wires a file input after it renders; files set before that are never seen.</summary>
    private static Task<IJSHandle> WaitForFileInputAsync(IPage page) =>
        page.WaitForFunctionAsync(
            "() => { const inputs = document.querySelectorAll('input[type=file]'); return inputs.length > 0 && inputs[inputs.length - 1]._blazorInputFileNextFileId !== undefined; }");
}
