using System.Globalization;
using Microsoft.Extensions.Localization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Scores.Versions;

/// <summary>
/// Feature importance as horizontal bars, the most important on top. Only the top 30 are drawn: past that the
/// labels become unreadable and the shares are tiny; the rest is summed in <see cref="RestShare"/>.
/// </summary>
public static class ImportanceChartData
{
    public const int Top = 30;

    /// <summary>Okabe–Ito sky blue: tells apart for colour-blind readers and stays readable on both themes.</summary>
    public const string BarColour = "#56B4E9";

    public static IReadOnlyList<FeatureImportance> TopFeatures(IReadOnlyList<FeatureImportance> importance) =>
        Ranked(importance).Take(Top).ToList();

    /// <summary>The share of the features left out of the chart (0 when all are drawn).</summary>
    public static double RestShare(IReadOnlyList<FeatureImportance> importance) => Ranked(importance).Skip(Top).Sum(i => i.Share);

    private static IEnumerable<FeatureImportance> Ranked(IReadOnlyList<FeatureImportance> importance) =>
        importance.OrderByDescending(i => i.Share).ThenBy(i => i.Column, StringComparer.Ordinal);

    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(IReadOnlyList<FeatureImportance> importance, bool dark, IStringLocalizer<VersionWords> words)
    {
        var top = TopFeatures(importance);
        IList<ITrace> traces =
        [
            new Bar
            {
                Name = words["ImportanceShare"],
                Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
                X = top.Select(i => (object)Math.Round(i.Share * 100, 2)).ToList(),
                Y = top.Select(i => (object)i.Column).ToList(),
                TextArray = top.Select(i => (i.Share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %").ToList(),
                TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.Outside,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = BarColour },
            },
        ];
        // One row per feature keeps labels legible whatever the count; the margin fits long column names.
        var layout = ChartTheme.TimeLayout(dark, 60 + (22 * Math.Max(top.Count, 3)), new Margin { L = 10, R = 40, T = 10, B = 40 });
        layout.ShowLegend = false;
        layout.XAxis =
        [
            new XAxis
            {
                Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = words["ImportanceAxis"] },
                GridColor = ChartTheme.Grid(dark),
                // Room past the longest bar for its "12.3 %" label, which Plotly would otherwise clip.
                Range = [0, Math.Round(top.Select(i => i.Share * 100).DefaultIfEmpty(1).Max() * 1.18, 2)],
            },
        ];
        layout.YAxis =
        [
            new YAxis
            {
                Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category, AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
                AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed,
            },
        ];
        return (traces, layout);
    }
}
