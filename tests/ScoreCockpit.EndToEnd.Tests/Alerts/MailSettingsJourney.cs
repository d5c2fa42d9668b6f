using ScoreCockpit.Tests.Shared;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Alerts;

/// <summary>An Admin sets the mail server, sees the password kept but never shown, and reads why a test mail failed.</summary>
public sealed class MailSettingsJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "ada.admin@example.com";
    private const string Password = "Cockpit2026ok";
    private const string Secret = "Smtp-Secret-77";

    [Fact]
    public async Task Admin_sets_the_mail_server_and_sends_a_test_mail()
    {
        await browser.Portal.AddUserAsync(Email, Password, "Admin");
        var page = await browser.NewPageAsync(1366, 900);
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();

        await page.GotoAsync("/admin/settings");
        // Typing before the circuit is interactive would be wiped by its first render.
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("#mail-not-set")).ToBeVisibleAsync();
        await Expect(page.Locator("#send-test-mail")).ToBeDisabledAsync();
        var port = PostgresCluster.FindFreePort();
        await page.FillAsync("#mail-host", "127.0.0.1");
        await page.FillAsync("#mail-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#mail-username", "cockpit");
        await page.FillAsync("#mail-password", Secret);
        await page.FillAsync("#mail-from", "ScoreCockpit <cockpit@example.com>");
        await page.FillAsync("#mail-portal-url", "http://localhost:5000");
        await page.FillAsync("#mail-recipients", "ops@example.com, ana@example.com");
        await page.ClickAsync("#save-mail");

        await Expect(page.GetByText("Mail settings saved.")).ToBeVisibleAsync();
        await Expect(page.Locator("#mail-not-set")).ToHaveCountAsync(0);
        await Expect(page.Locator("#mail-password")).ToHaveValueAsync("");
        await Expect(page.Locator("#mail-settings")).ToContainTextAsync("Stored. Leave empty to keep it");

        await page.FillAsync("#test-mail-to", "me@example.com");
        await page.ClickAsync("#send-test-mail");
        await Expect(page.Locator("#test-mail-result")).ToContainTextAsync($"Cannot connect to the mail server 127.0.0.1:{port}");
        await BrowserFixture.ScreenshotAsync(page, "40-mail-settings");
        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);

        await page.ReloadAsync();
        await Expect(page.Locator("#mail-host")).ToHaveValueAsync("127.0.0.1");
        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);
    }
}
