using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>An Admin and Analyst adds a warehouse connection, tests it, sets the upload limit and a global variable.</summary>
public sealed class AdminJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "ada.admin@example.com";
    private const string Password = "Cockpit2026ok";
    private const string Secret = "Secret123";

    [Fact]
    public async Task Admin_manages_connections_settings_and_variables()
    {
        await browser.Portal.AddUserAsync(Email, Password, "Admin", "Analyst");
        var page = await SignInAsync(1366, 900);

        // Connections: a Postgres warehouse that cannot be reached, with a password in its string.
        await page.GetByRole(AriaRole.Link, new() { Name = "Connections", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connections" })).ToBeVisibleAsync();
        await Expect(page.Locator("#connections-table")).ToContainTextAsync("built-in");
        await page.FillAsync("#connection-name", "sales_pg");
        await ChooseAsync(page, "#connection-form .mud-select", "PostgreSQL");
        await Expect(page.Locator("#connection-form")).ToContainTextAsync("Host=db.example.com");
        await page.FillAsync("#connection-string", $"Host=127.0.0.1;Port=1;Database=sales;Username=cockpit;Password={Secret};Timeout=3");
        await BrowserFixture.ScreenshotAsync(page, "10-connections-form");
        await page.ClickAsync("#save-connection");

        var row = Row(page, "#connections-table", "sales_pg");
        // Saving encrypts and stores the secret; on a loaded machine that round trip can pass the default 5 s.
        await Expect(row).ToContainTextAsync("PostgreSQL", new() { Timeout = 30_000 });
        await Expect(row).ToContainTextAsync(Email);
        await Expect(page.Locator("#connection-string")).ToHaveValueAsync("");
        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);

        // Testing says clearly what went wrong, in red, still without the password.
        await page.ClickAsync("#test-sales_pg");
        var failure = page.Locator("#test-result-sales_pg");
        await Expect(failure).ToContainTextAsync("Cannot connect to the warehouse sales_pg", new() { Timeout = 30_000 });
        await Expect(failure).ToHaveClassAsync(new Regex("mud-alert-text-error"));
        await page.ClickAsync("#test-demo");
        var success = page.Locator("#test-result-demo");
        await Expect(success).ToContainTextAsync("Connected to demo", new() { Timeout = 30_000 });
        await Expect(success).ToHaveClassAsync(new Regex("mud-alert-text-success"));
        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "11-connections-tested");

        // Editing never shows the stored string back; removing asks first.
        await page.GetByRole(AriaRole.Button, new() { Name = "Change sales_pg" }).ClickAsync();
        await Expect(page.Locator("#connection-form")).ToContainTextAsync("Leave empty to keep the stored one");
        await Expect(page.Locator("#connection-string")).ToHaveValueAsync("");
        await page.ClickAsync("#cancel-connection");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove sales_pg" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Remove the connection sales_pg?");
        await BrowserFixture.ScreenshotAsync(page, "12-connections-remove-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(1);

        // Settings: the CSV upload limit.
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await Expect(page.Locator("#upload-limit")).ToHaveValueAsync("200");
        await page.FillAsync("#upload-limit", "50");
        await page.ClickAsync("#save-settings");
        await Expect(page.GetByText("Upload limit set to 50 MB.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "13-settings");

        // Variables: one good date, then a date written the wrong way is refused by name.
        await page.GetByRole(AriaRole.Link, new() { Name = "Variables", Exact = true }).ClickAsync();
        await Expect(page.Locator("#built-in-variables")).ToContainTextAsync("date_ref_yyyymm");
        await page.FillAsync("#variable-name", "campaign_start");
        await Expect(page.Locator("#variable-form")).ToContainTextAsync("yyyy-MM-dd");
        await page.FillAsync("#variable-value", "2026-01-31");
        await page.ClickAsync("#save-variable");
        var variable = Row(page, "#variables-table", "campaign_start");
        await Expect(variable).ToContainTextAsync("2026-01-31");
        await Expect(variable).ToContainTextAsync(Email);

        await page.FillAsync("#variable-name", "campaign_end");
        await page.FillAsync("#variable-value", "31/03/2026");
        await page.ClickAsync("#save-variable");
        await Expect(page.Locator("#variable-error")).ToContainTextAsync("The variable campaign_end = '31/03/2026' is not a valid date");
        await Expect(Row(page, "#variables-table", "campaign_end")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "14-variables");

        // Removing a variable asks first.
        await page.FillAsync("#variable-name", "scratch");
        await ChooseAsync(page, "#variable-form .mud-select", "Integer");
        await Expect(page.Locator("#variable-form")).ToContainTextAsync("A whole number");
        await page.FillAsync("#variable-value", "12");
        await page.ClickAsync("#save-variable");
        await Expect(Row(page, "#variables-table", "scratch")).ToContainTextAsync("Integer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove scratch" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(Row(page, "#variables-table", "scratch")).ToHaveCountAsync(0);
        await Expect(Row(page, "#variables-table", "campaign_start")).ToHaveCountAsync(1);

        // The same pages at tablet width.
        var tablet = await SignInAsync(820, 1180);
        foreach (var (path, name) in new[] { ("/admin/connections", "connections"), ("/admin/settings", "settings"), ("/variables", "variables") })
        {
            await tablet.GotoAsync(path);
            await Expect(tablet.Locator("[data-interactive=true]")).ToBeVisibleAsync();
            await Expect(tablet.Locator("h1")).ToBeVisibleAsync();
            if (name == "connections")
            {
                await tablet.ClickAsync("#test-sales_pg");
                await Expect(tablet.Locator("#test-result-sales_pg")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            }

            await BrowserFixture.ScreenshotAsync(tablet, $"15-tablet-{name}");
        }
    }

    private async Task<IPage> SignInAsync(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The data row of a table that names the item (test results and other child rows excluded).</summary>
    private static ILocator Row(IPage page, string table, string name) =>
        page.Locator($"{table} tbody tr:has(td[data-label=Name])", new() { HasText = name });

    private static Task ChooseAsync(IPage page, string select, string option) => BrowserFixture.ChooseAsync(page, select, option);
}
