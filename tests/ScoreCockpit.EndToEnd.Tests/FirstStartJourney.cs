using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>A new install: create the first admin, sign in, see the shell, give a colleague a new password, sign out.</summary>
public sealed class FirstStartJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Email = "first.admin@example.com";
    private const string Password = "Cockpit2026ok";
    private const string Colleague = "vic.viewer@example.com";
    private const string ColleaguePassword = "Given-By-Admin-7";

    [Fact]
    public async Task First_admin_signs_in_sees_the_shell_sets_a_colleagues_password_and_signs_out()
    {
        var page = await browser.NewPageAsync();

        // An empty store sends every visitor to the one-time set-up page.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$"));
        await BrowserFixture.ScreenshotAsync(page, "01-first-admin");

        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await Expect(page.GetByText("Your account is ready")).ToBeVisibleAsync();
        await Expect(page.Locator("#email")).ToHaveValueAsync(Email);

        // A wrong password is refused with a clear message.
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("Wrong email or password");
        await BrowserFixture.ScreenshotAsync(page, "02-signin-wrong-password");

        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        foreach (var area in new[] { "Overview", "Scores", "Scenarios", "Runs", "Data quality", "Users", "Audit log" })
        {
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = area, Exact = true })).ToBeVisibleAsync();
        }

        // The sign-in just made is drawn on the overview chart from the audit log.
        await Expect(page.Locator("#signins-chart")).ToHaveAttributeAsync("data-total", "1");
        await BrowserFixture.ChartDrawnAsync(page, "signins-plot");
        await BrowserFixture.ScreenshotAsync(page, "03-overview");

        // A colleague who forgot their password, with no mail server set: the Admin gives them a new one.
        await browser.Portal.AddUserAsync(Colleague, "Forgotten-Long-Ago-1", "Viewer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = Email, Exact = true })).ToBeVisibleAsync();
        // The first account administers and analyses; it is not a mere Viewer.
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = $"Admin role for {Email}" })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = $"Analyst role for {Email}" })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = $"Viewer role for {Email}" })).Not.ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(page, "04-users");

        // Not for one's own account: that is changed from the user menu, with the current password.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Set a new password for {Email}" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Set a new password for {Colleague}" }).ClickAsync();
        await page.FillAsync("#set-password-new", ColleaguePassword);
        await page.FillAsync("#set-password-repeat", ColleaguePassword + "x");
        await page.ClickAsync("#set-password-save");
        await Expect(page.Locator("#set-password-error")).ToContainTextAsync("do not match");
        await page.FillAsync("#set-password-repeat", ColleaguePassword);
        await BrowserFixture.ScreenshotAsync(page, "05-set-password");
        await page.ClickAsync("#set-password-save");
        await BrowserFixture.SnackbarShownAsync(page, $"New password set for {Colleague}.");
        await Expect(page.Locator("#set-password-new")).ToHaveCountAsync(0);

        await page.ClickAsync(".user-menu button");
        await page.ClickAsync("#sign-out");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();

        // Signed out means signed out: the overview sends back to sign-in.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));

        // The colleague signs in with the password the Admin gave.
        await page.FillAsync("#email", Colleague);
        await page.FillAsync("#password", ColleaguePassword);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveCountAsync(0);
    }
}
