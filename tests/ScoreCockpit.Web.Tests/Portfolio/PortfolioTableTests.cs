using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Components.Pages.Overview;
using Xunit;

namespace ScoreCockpit.Web.Tests.Portfolio;

/// <summary>The Overview's portfolio table over the real engine and store of a test portal.</summary>
public sealed class PortfolioTableTests : BunitContext
{
    private readonly PortalFactory _portal = new();

    public PortfolioTableTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<PortfolioQuery>());
    }

    [Fact]
    public async Task Rows_come_worst_first_with_the_figures_formatted_and_a_link_to_the_score()
    {
        await PortfolioSeed.SeedAsync(_portal.Services, Xunit.TestContext.Current.CancellationToken);
        AddAuthorization().SetAuthorized("vic@example.com").SetRoles(Roles.Viewer);

        var table = Render<PortfolioTable>();
        table.WaitForAssertion(() => Assert.Equal(2, table.FindAll("a.score-link").Count));

        Assert.Equal(["renewal", "churn"], table.FindAll("a.score-link").Select(a => a.TextContent.Trim()));
        Assert.Equal("scores/churn", table.FindAll("a.score-link")[1].GetAttribute("href"));
        Assert.Equal(["NoData", "Healthy"], table.FindAll(".health-chip").Select(c => c.GetAttribute("data-health")));
        Assert.Equal(["—", "0.760"], table.FindAll(".portfolio-auc").Select(a => a.TextContent.Trim()));
        var change = table.Find(".portfolio-change");
        Assert.Equal("▼ −0.020", change.TextContent.Trim());
        Assert.Contains("var(--mud-palette-error)", change.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("2.50 / 2.00", table.Markup, StringComparison.Ordinal);
        Assert.Single(table.FindAll("svg.sparkline"));
        Assert.Contains("All 2", table.Find("#health-all").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_viewer_s_empty_overview_offers_no_create_action_an_analyst_s_does()
    {
        AddAuthorization().SetAuthorized("vic@example.com").SetRoles(Roles.Viewer);
        var viewer = Render<PortfolioTable>();
        viewer.WaitForAssertion(() => Assert.NotNull(viewer.Find("#portfolio-empty")));
        Assert.Empty(viewer.FindAll("#empty-new-score, a[href='scores/new']"));
        Assert.Contains("An Analyst adds them", viewer.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_analyst_s_empty_overview_links_to_a_new_score()
    {
        AddAuthorization().SetAuthorized("ana@example.com").SetRoles(Roles.Analyst);
        var analyst = Render<PortfolioTable>();
        analyst.WaitForAssertion(() => Assert.Equal("scores/new", analyst.Find("#empty-new-score").GetAttribute("href")));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _portal.DisposeAsync();
        await base.DisposeAsyncCore();
    }
}
