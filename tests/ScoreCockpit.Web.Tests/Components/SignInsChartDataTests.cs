using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Web.Components.Pages.Overview;
using Xunit;

namespace ScoreCockpit.Web.Tests.Components;

public sealed class SignInsChartDataTests
{
    [Fact]
    public void One_bar_per_day_with_successes_and_failures_stacked()
    {
        DailyCount[] days =
        [
            new(new DateOnly(2026, 11, 23), 3, 0),
            new(new DateOnly(2026, 11, 24), 0, 2),
            new(new DateOnly(2026, 11, 25), 5, 1),
        ];

        var (traces, layout) = SignInsChartData.Build(days);

        Assert.Equal(2, traces.Count);
        var successes = Assert.IsType<Bar>(traces[0]);
        var failures = Assert.IsType<Bar>(traces[1]);
        Assert.Equal(["2026-11-23", "2026-11-24", "2026-11-25"], successes.X);
        Assert.Equal([3, 0, 5], successes.Y.Cast<int>());
        Assert.Equal([0, 2, 1], failures.Y.Cast<int>());
        Assert.Equal(SignInsChartData.SuccessColour, successes.Marker.Color);
        Assert.Equal(Plotly.Blazor.LayoutLib.BarModeEnum.Stack, layout.BarMode);
    }

    [Fact]
    public void Chart_text_follows_the_theme()
    {
        DailyCount[] days = [new(new DateOnly(2026, 11, 25), 1, 0)];

        var light = SignInsChartData.Build(days, dark: false).Layout;
        var dark = SignInsChartData.Build(days, dark: true).Layout;

        Assert.NotEqual(light.Font.Color, dark.Font.Color);
        Assert.Equal(ScoreCockpit.Web.Components.Shared.ChartTheme.Text(true), dark.Font.Color);
    }
}
