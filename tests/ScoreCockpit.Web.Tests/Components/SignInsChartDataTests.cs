using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Web.Components.Pages.Overview;
using Xunit;

namespace ScoreCockpit.Web.Tests.Components;

public sealed class SignInsChartDataTests
{
    /// <summary>The Overview's words as the portal reads them, in the test thread's language.</summary>
    internal static IStringLocalizer<OverviewText> Text { get; } =
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<OverviewText>>();

    [Fact]
    public void One_bar_per_day_with_successes_and_failures_stacked()
    {
        DailyCount[] days =
        [
            new(new DateOnly(2026, 11, 23), 3, 0),
            new(new DateOnly(2026, 11, 24), 0, 2),
            new(new DateOnly(2026, 11, 25), 5, 1),
        ];

        var (traces, layout) = SignInsChartData.Build(days, Text);

        Assert.Equal(2, traces.Count);
        var successes = Assert.IsType<Bar>(traces[0]);
        var failures = Assert.IsType<Bar>(traces[1]);
        Assert.Equal(["2026-11-23", "2026-11-24", "2026-11-25"], successes.X);
        Assert.Equal([3, 0, 5], successes.Y.Cast<int>());
        Assert.Equal([0, 2, 1], failures.Y.Cast<int>());
        Assert.Equal(SignInsChartData.SuccessColour, successes.Marker.Color);
        Assert.Equal(("Sign-ins", "Failed attempts"), (successes.Name, failures.Name));
        Assert.Equal(Plotly.Blazor.LayoutLib.BarModeEnum.Stack, layout.BarMode);
    }

    [Fact]
    public void Chart_text_follows_the_theme()
    {
        DailyCount[] days = [new(new DateOnly(2026, 11, 25), 1, 0)];

        var light = SignInsChartData.Build(days, Text, dark: false).Layout;
        var dark = SignInsChartData.Build(days, Text, dark: true).Layout;

        Assert.NotEqual(light.Font.Color, dark.Font.Color);
        Assert.Equal(ScoreCockpit.Web.Components.Shared.ChartTheme.Text(true), dark.Font.Color);
    }
}
