using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Components.Pages.Scenarios;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scenarios;

/// <summary>The Scenarios page with no scenario yet: it says what one is, and only an Analyst is offered to create one.</summary>
public sealed class ScenarioListTests : BunitContext
{
    private readonly PortalFactory _portal = new();

    public ScenarioListTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
        Services.AddSingleton(_portal.Services.GetRequiredService<ScenarioQueries>());
        Services.AddSingleton(TimeProvider.System);
    }

    [Theory]
    [InlineData(Roles.Viewer, false)]
    [InlineData(Roles.Analyst, true)]
    public void Without_scenarios_the_page_explains_them_and_offers_creation_to_analysts_only(string role, bool offered)
    {
        AddAuthorization().SetAuthorized("someone@example.com").SetRoles(role);

        var page = Render<ScenarioList>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#scenarios-empty")));

        Assert.Contains("No scenario yet.", page.Find("#scenarios-empty").TextContent, StringComparison.Ordinal);
        Assert.Contains("on triggers such as “Wednesdays at 11:40”", page.Find("#scenarios-empty").TextContent, StringComparison.Ordinal);
        Assert.Equal(offered ? 2 : 0, page.FindAll("a[href='scenarios/new']").Count);
        Assert.Equal(!offered, page.Find("#scenarios-empty").TextContent.Contains("An analyst creates them", StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#scenarios-table"));
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
