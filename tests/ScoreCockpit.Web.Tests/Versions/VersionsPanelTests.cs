using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Accounts;
using ScoreCockpit.Web.Components.Pages.Scores;
using Xunit;

namespace ScoreCockpit.Web.Tests.Versions;

/// <summary>The Versions tab over the real engine and store of a test portal, as a viewer and as an analyst.</summary>
public sealed class VersionsPanelTests : BunitContext
{
    private readonly PortalFactory _portal = new();

    public VersionsPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<ListVersionsHandler>());
        Services.AddSingleton(_portal.Services.GetRequiredService<ActiveVersions>());
        Services.AddSingleton(_portal.Services.GetRequiredService<ScoreCockpit.Engine.Units.UnitDispatcher>());
        Services.AddSingleton(_portal.Services.GetRequiredService<ScoreCockpit.Engine.Units.EvaluationUnits>());
        Services.AddSingleton(_portal.Services.GetRequiredService<ActivateVersionHandler>());
        Services.AddSingleton(_portal.Services.GetRequiredService<PurgeVersionsHandler>());
        Services.AddSingleton(_portal.Services.GetRequiredService<ScoreCockpit.Engine.Settings.CockpitClock>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<CurrentActor>();
    }

    private async Task SeedAsync()
    {
        await VersionSeed.ChurnAsync(_portal.Services, 3, Xunit.TestContext.Current.CancellationToken);
        await _portal.Services.GetRequiredService<ActivateVersionHandler>().HandleAsync(
            new ActivateVersion(VersionSeed.Score, 2, "in production"), Actor.System, Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_viewer_gets_the_links_but_no_train_activate_or_purge_control()
    {
        await SeedAsync();
        AddAuthorization().SetAuthorized("vic@example.com").SetRoles(Roles.Viewer);

        var panel = Render<VersionsPanel>(p => p.Add(c => c.Score, VersionSeed.Score));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#versions-table")));

        Assert.Equal(["v3", "v2", "v1"], panel.FindAll("[id^=version-link-v]").Select(a => a.TextContent.Trim()));
        Assert.Equal("scores/churn/versions/3", panel.Find("#version-link-v3").GetAttribute("href"));
        Assert.Empty(panel.FindAll("#train-now, [id^=activate-v], #purge-open, #purge-panel"));
        Assert.DoesNotContain("Purge", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_previews_a_purge_then_deletes_what_it_listed()
    {
        await SeedAsync();
        AddAuthorization().SetAuthorized("ana@example.com").SetRoles(Roles.Analyst);
        Render<MudPopoverProvider>();
        var panel = Render<VersionsPanel>(p => p.Add(c => c.Score, VersionSeed.Score));
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("#purge-open")));

        panel.Find("#purge-open").Click();
        panel.Find("#purge-preview").Click();

        panel.WaitForAssertion(() => Assert.Contains("Would delete the artifacts of v1, v3.", panel.Find("#purge-plan").TextContent, StringComparison.Ordinal));
        Assert.Contains("Keeps v2: active.", panel.Find("#purge-plan").TextContent, StringComparison.Ordinal);
        Assert.Equal("Delete 2 artifacts", panel.Find("#purge-confirm").TextContent.Trim());
        Assert.DoesNotContain("purged", panel.Find("#versions-table").TextContent, StringComparison.Ordinal);

        panel.Find("#purge-confirm").Click();

        panel.WaitForAssertion(() => Assert.Contains("Deleted the artifacts of v1, v3; kept v2.", panel.Find("#purge-done").TextContent, StringComparison.Ordinal));
        var rows = panel.FindAll("#versions-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal([true, false, true], rows.Select(r => r.Contains("purged", StringComparison.Ordinal)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _portal.Dispose();
        }
    }
}
