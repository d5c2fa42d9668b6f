using Microsoft.Extensions.Localization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using ScoreCockpit.Engine.Evaluation.Comparison;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Scores.Performance;

public enum CurveKind
{
    Gains,
    Lift,
}

/// <summary>
/// Cumulative gains or lift against the share of customers targeted, one line per version scored on the same rows,
/// with the random-targeting reference (the diagonal, or lift 1) so "better than nothing" is visible at a glance.
/// </summary>
public static class GainsChartData
{
    public static IReadOnlyList<CurvePoint> Points(VersionOnDate version, CurveKind kind) =>
        kind == CurveKind.Gains ? version.Gains : version.Lift;

    public static string Name(VersionOnDate v, IStringLocalizer<PerformanceWords> words)
    {
        var name = v.ChallengerName is null ? $"v{v.Number}" : $"v{v.Number} {v.ChallengerName}";
        return v.Active ? words["ActiveName", name] : name;
    }

    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(DateComparison comparison, CurveKind kind, bool dark,
        IStringLocalizer<PerformanceWords> words)
    {
        var traces = new List<ITrace>
        {
            new Scatter
            {
                Name = words["GainsRandom"].Value,
                X = [0, 100],
                Y = kind == CurveKind.Gains ? [0, 1] : [1, 1],
                Mode = ModeFlag.Lines,
                HoverInfo = HoverInfoFlag.Skip,
                Line = new Line { Color = ChartTheme.Text(dark), Width = 1, Dash = "dot" },
            },
        };
        foreach (var version in comparison.Versions.Where(v => v.Failure is null))
        {
            var points = Points(version, kind);
            var name = Name(version, words);
            traces.Add(new Scatter
            {
                Name = name,
                X = [.. points.Select(p => (object)Math.Round(p.Share * 100, 2))],
                Y = [.. points.Select(p => (object)Math.Round(p.Value, 4))],
                TextArray = [.. points.Select(p => (kind == CurveKind.Gains
                    ? words["GainsHover", name, p.Share, p.Value]
                    : words["LiftHover", name, p.Share, PerformanceText.Lift(p.Value)]).Value)],
                HoverInfo = HoverInfoFlag.Text,
                Mode = ModeFlag.Lines,
                Line = new Line { Color = PerformanceChartData.Colour(version.Number), Width = version.Active ? 4 : 2 },
            });
        }

        var layout = ChartTheme.TimeLayout(dark, 320, new Margin { L = 60, R = 20, T = 10, B = 50 });
        layout.XAxis =
        [
            new XAxis
            {
                Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear,
                Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = words["GainsAxisX"].Value },
                GridColor = ChartTheme.Grid(dark),
                Range = [0, 100],
            },
        ];
        layout.YAxis =
        [
            new YAxis
            {
                Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = (kind == CurveKind.Gains ? words["GainsAxisY"] : words["LiftAxisY"]).Value },
                GridColor = ChartTheme.Grid(dark),
                TickFormat = kind == CurveKind.Gains ? ".0%" : null,
            },
        ];
        return (traces, layout);
    }
}
