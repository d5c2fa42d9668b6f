using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Storage;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ScoreCockpit.EndToEnd.Tests.Localization;

/// <summary>An admin switches the portal to French from the user menu and walks through it on a laptop and a tablet:
/// every page speaks French, and the longer labels keep the layout whole.</summary>
public sealed class FrenchJourney(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly List<string> _problems = [];
    private List<string> _written = [];

    private const string Email = "adele.admin@example.com";
    private const string Password = "Admin2026okay";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_reads_the_cockpit_in_French_at_laptop_and_tablet_width()
    {
        if (browser.MissingChromium is null)
        {
            var services = browser.Portal.Services;
            await services.GetRequiredService<DemoInstaller>().InstallAsync(1_500, months: 12, ct: Ct);
            await services.GetRequiredService<DemoHistory>().BuildAsync(12, ct: Ct);
            // What people wrote (descriptions) is theirs to word: only the portal's own words must be French.
            await using var db = await services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
            _written =
            [
                .. await db.Scores.Select(s => s.Description).ToListAsync(Ct),
                .. await db.Scenarios.Select(s => s.Description).ToListAsync(Ct),
                .. await db.Activations.Select(a => a.Comment).ToListAsync(Ct),
                // A check's outcome is stored as the engine wrote it, in English (see docs/glossary.md).
                .. await db.CheckResults.Select(c => c.Message).ToListAsync(Ct),
            ];
        }

        await browser.Portal.AddUserAsync(Email, Password, Roles.Admin, Roles.Analyst);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        // The user menu's language choice reloads the page in French.
        await page.Locator(".user-menu").First.ClickAsync();
        await page.ClickAsync("#language-fr");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Vue d'ensemble", Exact = true })).ToBeVisibleAsync();

        await ReadAsync(page, "/", "80-fr-overview", "#portfolio-table");
        // MudBlazor's own words come through the portal's resources: the pager's buttons.
        await Expect(page.Locator("#portfolio-table [aria-label='Page suivante']")).ToHaveCountAsync(1);
        await ReadAsync(page, "/scores/churn", "81-fr-score", "#performance-chart");
        var tabs = await page.GetByRole(AriaRole.Tab).AllTextContentsAsync();
        Assert.True(tabs.Count >= 3, $"the score page shows {tabs.Count} tabs");
        for (var i = 1; i < tabs.Count; i++)
        {
            await BrowserFixture.OpenTabAsync(page, tabs[i].Trim());
            await CheckAsync(page, $"82-fr-score-tab-{i}");
        }

        await ReadAsync(page, "/scores/churn/compare", "83-fr-compare", "#compare-chart");
        await ReadAsync(page, "/scores/churn/edit", "83-fr-score-editor", "#model-panel");
        await Expect(page.GetByText("Langue des mails").First).ToBeVisibleAsync();
        await ReadAsync(page, "/scenarios", "84-fr-scenarios", "table");
        await ReadAsync(page, "/runs", "85-fr-runs", "table");
        await ReadAsync(page, "/quality", "86-fr-quality", ".mud-main-content");
        await ReadAsync(page, "/admin/users", "87-fr-admin-users", "table");
        await ReadAsync(page, "/admin/connections", "88-fr-admin-connections", "table");
        await ReadAsync(page, "/admin/settings", "89-fr-admin-settings", ".mud-main-content");

        // A tablet in a French browser: no menu choice needed, the browser's language applies.
        await browser.Portal.AddUserAsync("tablette@example.com", Password, Roles.Viewer);
        var tablet = await browser.NewPageAsync(width: 820, height: 1180, locale: "fr-FR");
        await tablet.GotoAsync("/account/signin");
        await tablet.FillAsync("#email", "tablette@example.com");
        await tablet.FillAsync("#password", Password);
        await tablet.ClickAsync("button[type=submit]");
        await Expect(tablet.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await ReadAsync(tablet, "/", "90-fr-tablet-overview", "#portfolio-table");
        await ReadAsync(tablet, "/scores/churn", "91-fr-tablet-score", "#performance-chart");
        await ReadAsync(tablet, "/scores/churn/compare", "92-fr-tablet-compare", "#compare-chart");
        await ReadAsync(tablet, "/scenarios", "93-fr-tablet-scenarios", "table");

        Assert.True(_problems.Count == 0, string.Join(Environment.NewLine, _problems));
    }

    private async Task ReadAsync(IPage page, string path, string screenshot, string shown)
    {
        await page.GotoAsync(path);
        await Expect(page.Locator("[data-interactive=true]")).ToBeVisibleAsync();
        await Expect(page.Locator(shown).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        if (shown.EndsWith("-chart", StringComparison.Ordinal))
        {
            await BrowserFixture.ChartDrawnAsync(page, shown.TrimStart('#'));
        }

        await CheckAsync(page, screenshot);
    }

    /// <summary>No English resource text is visible, and nothing is wider than the window.</summary>
    private async Task CheckAsync(IPage page, string screenshot)
    {
        await BrowserFixture.ScreenshotAsync(page, screenshot);
        // Code (column types, SQL, connection strings) reads the same in every language.
        var visible = await page.EvaluateAsync<string>("""
            (() => {
                const code = [...document.querySelectorAll('code, pre, kbd')];
                const shown = code.map(c => c.style.display);
                code.forEach(c => c.style.display = 'none');
                const text = document.body.innerText;
                code.forEach((c, i) => c.style.display = shown[i]);
                return text;
            })()
            """);
        // A description cut short on screen ends in "…" but is whole in the page's text.
        visible = _written.Where(w => !string.IsNullOrEmpty(w)).OrderByDescending(w => w.Length).Aggregate(visible, (text, written) => text.Replace(written, " ", StringComparison.Ordinal));
        var english = EnglishTexts.In(visible);
        if (english.Count > 0)
        {
            _problems.Add($"{screenshot} ({page.Url}) shows English: {string.Join(" | ", english)}");
        }

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 1)
        {
            _problems.Add($"{screenshot} ({page.Url}) is {overflow} px wider than the {page.ViewportSize?.Width} px window");
        }

        if (page.ViewportSize?.Width >= 1366)
        {
            // On a laptop every table fits its box: a longer French header must wrap, not push columns out of sight.
            var hidden = await page.EvaluateAsync<string[]>(
                "[...document.querySelectorAll('.mud-table-container')].filter(t => t.scrollWidth > t.clientWidth + 1).map(t => (t.closest('[id]')?.id ?? '?') + ' by ' + (t.scrollWidth - t.clientWidth) + ' px')");
            if (hidden.Length > 0)
            {
                _problems.Add($"{screenshot} ({page.Url}) has tables wider than their box: {string.Join(", ", hidden)}");
            }
        }
    }
}
