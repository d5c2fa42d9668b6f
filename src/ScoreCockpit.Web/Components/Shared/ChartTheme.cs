using Plotly.Blazor.LayoutLib;

namespace ScoreCockpit.Web.Components.Shared;

/// <summary>Chart text and grid colours that stay readable on the light and the dark theme, and the layout every chart shares.</summary>
public static class ChartTheme
{
    public static string Text(bool dark) => dark ? "#E6E9ED" : "#2E3A46";

    public static string Grid(bool dark) => dark ? "rgba(230,233,237,0.15)" : "rgba(46,58,70,0.12)";

    /// <summary>Transparent on the card, themed text, a legend above the plot and dates along the x axis, in the cockpit's one style.</summary>
    public static Plotly.Blazor.Layout TimeLayout(bool dark, int height, Margin margin) => new()
    {
        Height = height,
        Margin = margin,
        Font = new Font { Color = Text(dark) },
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        ShowLegend = true,
        Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = 1.15m }],
        XAxis = [ChartDates.Axis()],
    };
}
