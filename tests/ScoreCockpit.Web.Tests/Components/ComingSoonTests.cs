using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ScoreCockpit.Web.Components.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Components;

public sealed class SharedComponentTests : BunitContext
{
    public SharedComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices().AddLocalization();
    }

    [Fact]
    public void An_empty_area_says_in_one_line_what_will_be_there()
    {
        var notice = Render<ComingSoon>(p => p
            .Add(c => c.Icon, Icons.Material.Filled.History)
            .AddChildContent("Every run will be listed here."));

        Assert.Contains("Every run will be listed here.", notice.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(notice.FindAll("svg"));
    }

    [Fact]
    public void The_page_header_is_the_page_heading()
    {
        var header = Render<PageHeader>(p => p.Add(h => h.Title, "Scores").Add(h => h.Subtitle, "All of them"));

        Assert.Equal("Scores", header.Find("h1").TextContent.Trim());
        Assert.Contains("All of them", header.Markup, StringComparison.Ordinal);
    }
}
