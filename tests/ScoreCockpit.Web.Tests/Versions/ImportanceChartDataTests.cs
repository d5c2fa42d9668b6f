using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Web.Components.Pages.Scores.Versions;
using ScoreCockpit.Web.Components.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Versions;

public sealed class ImportanceChartDataTests
{
    /// <summary>40 features whose shares grow with their index (f39 is the most important) and sum to 1.</summary>
    private static readonly IStringLocalizer<VersionWords> Words =
        new StringLocalizer<VersionWords>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static readonly IReadOnlyList<FeatureImportance> Forty =
        Enumerable.Range(0, 40).Select(i => new FeatureImportance($"f{i:00}", (i + 1) / 820.0)).ToList();

    [Fact]
    public void The_top_thirty_are_drawn_as_horizontal_bars_most_important_first()
    {
        var (traces, layout) = ImportanceChartData.Build(Forty, dark: false, Words);

        var bar = Assert.IsType<Bar>(Assert.Single(traces));
        Assert.Equal(Plotly.Blazor.Traces.BarLib.OrientationEnum.H, bar.Orientation);
        Assert.Equal(30, bar.Y.Count);
        Assert.Equal("f39", bar.Y[0]);
        Assert.Equal("f10", bar.Y[^1]);
        Assert.Equal(Math.Round(40 / 8.2, 2), (double)bar.X[0]);
        Assert.Equal("4.9 %", bar.TextArray[0]);
        Assert.Equal(ImportanceChartData.BarColour, bar.Marker.Color);
        // Categories run top-down in the order given, so the largest bar sits on top.
        Assert.Equal(Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed, layout.YAxis[0].AutoRange);
        Assert.False(layout.ShowLegend);
    }

    [Fact]
    public void What_is_left_out_is_summed_and_a_short_list_leaves_nothing_out()
    {
        Assert.Equal(55 / 820.0, ImportanceChartData.RestShare(Forty), 9);
        Assert.Equal(0, ImportanceChartData.RestShare(Forty.Take(5).ToList()));
    }

    [Fact]
    public void Chart_text_follows_the_theme_and_the_height_follows_the_count()
    {
        var few = Forty.Take(4).ToList();

        var light = ImportanceChartData.Build(few, dark: false, Words).Layout;
        var dark = ImportanceChartData.Build(few, dark: true, Words).Layout;

        Assert.Equal(ChartTheme.Text(true), dark.Font.Color);
        Assert.NotEqual(light.Font.Color, dark.Font.Color);
        Assert.True(ImportanceChartData.Build(Forty, dark: false, Words).Layout.Height > light.Height);
    }
}
