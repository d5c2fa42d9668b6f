using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Web.Components.Layout;
using Xunit;

namespace ScoreCockpit.Web.Tests.Components;

public sealed class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
    }

    [Fact]
    public void Every_feature_area_is_listed()
    {
        AddAuthorization().SetAuthorized("viewer@example.com").SetRoles(Roles.Viewer);

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Overview", "Scores", "Variables", "Scenarios", "Runs", "Data quality"], links);
    }

    [Fact]
    public void Only_admins_see_the_admin_area()
    {
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles(Roles.Admin);

        var menu = Render<NavMenu>();

        var hrefs = menu.FindAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("admin/users", hrefs);
        Assert.Contains("admin/audit", hrefs);
        Assert.Contains("admin/connections", hrefs);
        Assert.Contains("admin/settings", hrefs);
    }
}
