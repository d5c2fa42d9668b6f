using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Web.Components.Pages.Overview;
using Xunit;

namespace ScoreCockpit.Web.Tests.Portfolio;

/// <summary>The portfolio's SVG sparkline: points scaled into the box, gaps kept, the latest point marked.</summary>
public sealed class SparklineTests : BunitContext
{
    public SparklineTests() => Services.AddLocalization();

    [Fact]
    public void Values_become_points_between_their_minimum_and_maximum_and_a_missing_value_breaks_the_line()
    {
        var line = Render<Sparkline>(p => p.Add(c => c.Values, [0.7, 0.8, null, 0.75]).Add(c => c.Width, 96));

        Assert.Equal("3,21 33,3", Assert.Single(line.FindAll("polyline")).GetAttribute("points"));
        var dots = line.FindAll("circle");
        Assert.Equal(2, dots.Count);
        Assert.Equal(("93", "12"), (dots[0].GetAttribute("cx"), dots[0].GetAttribute("cy")));
        Assert.Contains("sparkline-last", dots[1].ClassList);
        Assert.Equal(("93", "12"), (dots[1].GetAttribute("cx"), dots[1].GetAttribute("cy")));
    }

    [Fact]
    public void A_flat_line_sits_in_the_middle_and_a_trailing_gap_marks_no_latest_point()
    {
        var line = Render<Sparkline>(p => p.Add(c => c.Values, [0.8, 0.8, null]).Add(c => c.Width, 96));

        Assert.Equal("3,12 48,12", line.Find("polyline").GetAttribute("points"));
        Assert.Empty(line.FindAll("circle.sparkline-last"));
        Assert.Empty(Render<Sparkline>(p => p.Add(c => c.Values, [null, null])).FindAll("polyline, circle"));
    }
}
