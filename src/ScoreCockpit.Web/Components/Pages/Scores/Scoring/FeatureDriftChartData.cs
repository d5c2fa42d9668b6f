using Microsoft.Extensions.Localization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Scores.Scoring;

/// <summary>One drifting feature as drawn: its PSI against the version's training data and the level it reaches.</summary>
public sealed record FeatureDriftBar(string Column, double Psi, string Level);

/// <summary>
/// The latest run's most drifting features as horizontal bars, largest on top, each bar labelled with its PSI and
/// level in words and coloured by level, with the thresholds as dashed vertical lines.
/// </summary>
public static class FeatureDriftChartData
{
    public const int Top = 10;
    public const string OkColour = "#56B4E9";

    public static IReadOnlyList<FeatureDriftBar> TopFeatures(IReadOnlyList<FeatureDrift> drift, DriftThresholds thresholds) => drift
        .OrderByDescending(d => d.Psi).ThenBy(d => d.Column, StringComparer.Ordinal).Take(Top)
        .Select(d => new FeatureDriftBar(d.Column, d.Psi, thresholds.Level(d.Psi)))
        .ToList();

    public static string Colour(string level) => level switch
    {
        "alert" => PsiHistoryChartData.AlertColour,
        "warning" => PsiHistoryChartData.WarningColour,
        _ => OkColour,
    };

    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(IReadOnlyList<FeatureDrift> drift, DriftThresholds thresholds, bool dark, IStringLocalizer<ScoringWords> words)
    {
        var top = TopFeatures(drift, thresholds);
        IList<ITrace> traces =
        [
            new Bar
            {
                Name = words["FeaturePsi"],
                Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
                X = top.Select(f => (object)Math.Round(f.Psi, 4)).ToList(),
                Y = top.Select(f => (object)f.Column).ToList(),
                TextArray = top.Select(f => f.Level == "ok" ? ScoringText.Psi(f.Psi) : $"{ScoringText.Psi(f.Psi)} {ScoringText.LevelText(f.Level, words)}").ToList(),
                TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.Outside,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { ColorArray = top.Select(f => (object)Colour(f.Level)).ToList() },
            },
        ];
        var layout = ChartTheme.TimeLayout(dark, 80 + (26 * Math.Max(top.Count, 3)), new Margin { L = 10, R = 30, T = 30, B = 40 });
        layout.ShowLegend = false;
        var longest = Math.Max(thresholds.Alert, top.Select(f => f.Psi).DefaultIfEmpty(0).Max());
        layout.XAxis =
        [
            new XAxis
            {
                Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = words["AxisFeaturePsi"] },
                GridColor = ChartTheme.Grid(dark),
                // Room past the longest bar for its "0.312 alert" label, which Plotly would otherwise clip.
                Range = [0, Math.Round(longest * 1.3, 3)],
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
        layout.Shapes =
        [
            PsiHistoryChartData.Threshold("warning", thresholds.Warning, PsiHistoryChartData.WarningColour, horizontal: false, words),
            PsiHistoryChartData.Threshold("alert", thresholds.Alert, PsiHistoryChartData.AlertColour, horizontal: false, words),
        ];
        return (traces, layout);
    }
}
