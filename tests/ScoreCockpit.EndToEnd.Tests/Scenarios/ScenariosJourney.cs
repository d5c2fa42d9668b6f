using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Scenarios;

/// <summary>An analyst creates a scenario from the template, runs it now, sees it succeed and reads its steps' logs.</summary>
public sealed class ScenariosJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Analyst = "ana.planner@example.com";
    private const string Password = "Scenario2026ok";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_analyst_creates_a_scenario_from_the_template_runs_it_and_reads_the_step_logs()
    {
        if (browser.MissingChromium is null)
        {
            await SeedAsync();
        }

        await browser.Portal.AddUserAsync(Analyst, Password, Roles.Analyst);
        var page = await SignInAsync();

        await page.GotoAsync("/scenarios");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await page.ClickAsync("#new-scenario");
        await Expect(page.Locator("#scenario-json")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("build-snapshot"));
        await page.FillAsync("#scenario-name", "churn-weekly");
        await page.FillAsync("#scenario-description", "Scores the churn customers every Wednesday");
        await page.ClickAsync("#check-scenario");
        await Expect(page.Locator("#check-ok")).ToBeVisibleAsync();
        await page.ClickAsync("#save-scenario");

        await page.WaitForURLAsync("**/scenarios/churn-weekly");
        await Expect(page.Locator("#scenario-steps > li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#next-fires tbody tr")).ToHaveCountAsync(10);
        await Expect(page.Locator("#recent-runs-empty")).ToBeVisibleAsync();

        await page.ClickAsync("#run-now");
        await page.ClickAsync("#run-start");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("succeeded", new() { Timeout = 120_000 });
        await Expect(page.Locator("#recent-runs tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#recent-runs .run-status")).ToHaveTextAsync("succeeded");
        await Expect(page.Locator("#run-now")).ToBeEnabledAsync();
        await page.Locator(".mud-snackbar button").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "71-scenario");

        await page.GetByRole(AriaRole.Link, new() { Name = "Scenarios", Exact = true }).ClickAsync();
        await Expect(page.Locator("#scenarios-table .last-run .run-status")).ToHaveTextAsync("succeeded");
        await Expect(page.Locator("#scenarios-table")).ToContainTextAsync("Wednesdays at 11:40 (Europe/Paris)");
        await BrowserFixture.ScreenshotAsync(page, "70-scenarios");

        await page.ClickAsync("#scenarios-table .last-run");
        await Expect(page.Locator("#run-header .run-status")).ToHaveTextAsync("succeeded");
        await Expect(page.Locator(".run-step .step-status")).ToHaveTextAsync(["succeeded", "succeeded", "succeeded"]);
        await page.Locator(".run-step[data-step=snapshot] .mud-expand-panel-header").ClickAsync();
        await page.Locator(".run-step[data-step=score] .mud-expand-panel-header").ClickAsync();
        await Expect(page.Locator(".run-step[data-step=snapshot] .step-log")).ToBeVisibleAsync();
        // Screenshot once both panels have finished opening.
        await Expect(page.Locator(".run-step .mud-collapse-entered")).ToHaveCountAsync(2);
        await Expect(page.Locator(".run-step[data-step=score] tr[data-name=rows]")).ToBeVisibleAsync();
        await Expect(page.Locator("#run-variables tr[data-name=date_ref]")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "72-run");

        await page.GetByRole(AriaRole.Link, new() { Name = "Runs", Exact = true }).ClickAsync();
        await Expect(page.Locator("#runs-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#runs-table")).ToContainTextAsync("churn-weekly");
    }

    private async Task<IPage> SignInAsync()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Analyst);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A small demo whose churn score has one trained version, active, so the template's score step can run.</summary>
    private async Task SeedAsync()
    {
        await browser.InstallDemoAsync(3_000);
        var services = browser.Portal.Services;
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        await services.GetRequiredService<TrainVersionHandler>().HandleAsync(new TrainVersion("churn", today), Actor.System, Ct);
        await services.GetRequiredService<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 1, "first churn model"), Actor.System, Ct);
    }
}
