using Microsoft.Extensions.Localization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Scores.Scoring;

/// <summary>One point of the score-PSI history: a reference date and the PSI of its latest successful run there.</summary>
public sealed record PsiPoint(DateOnly ReferenceDate, double Psi, string Level);

/// <summary>
/// Score PSI per reference date, with the score's warning and alert thresholds as dashed horizontal lines, so a
/// reader sees at once which runs crossed them.
/// </summary>
public static class PsiHistoryChartData
{
    public const string LineColour = "#56B4E9";
    public const string WarningColour = "#E69F00";
    public const string AlertColour = "#D55E00";

    /// <summary>
    /// Successful runs with a PSI, oldest date first. A date scored twice keeps its latest run: that is the one whose
    /// scores are in the output table.
    /// </summary>
    public static IReadOnlyList<PsiPoint> Series(IReadOnlyList<ScoringRunView> runs) => runs
        .Where(r => r.Status == ScoringStatus.Succeeded && r.ScorePsi is not null)
        .GroupBy(r => r.ReferenceDate)
        .Select(g => g.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).First())
        .OrderBy(r => r.ReferenceDate)
        .Select(r => new PsiPoint(r.ReferenceDate, r.ScorePsi!.Value, r.ScoreDriftLevel))
        .ToList();

    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(IReadOnlyList<ScoringRunView> runs, DriftThresholds thresholds, bool dark, IStringLocalizer<ScoringWords> words)
    {
        var points = Series(runs);
        IList<ITrace> traces =
        [
            new Scatter
            {
                Name = words["ScorePsiTrace"],
                X = points.Select(p => (object)ChartDates.X(p.ReferenceDate)).ToList(),
                Y = points.Select(p => (object)Math.Round(p.Psi, 4)).ToList(),
                TextArray = points.Select(p => $"{ScoringText.Psi(p.Psi)} · {ScoringText.LevelText(p.Level, words)}").ToList(),
                HoverInfo = Plotly.Blazor.Traces.ScatterLib.HoverInfoFlag.X | Plotly.Blazor.Traces.ScatterLib.HoverInfoFlag.Text,
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = LineColour, Width = 2 },
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Size = 8 },
            },
        ];
        var layout = ChartTheme.TimeLayout(dark, 300, new Margin { L = 60, R = 20, T = 10, B = 40 });
        layout.ShowLegend = false;
        // Runs are monthly: one tick a month, and a grid that stays faint on the dark theme too.
        layout.XAxis[0].GridColor = ChartTheme.Grid(dark);
        layout.XAxis[0].DTick = "M1";
        var top = Math.Max(thresholds.Alert * 1.3, points.Select(p => p.Psi).DefaultIfEmpty(0).Max() * 1.15);
        layout.YAxis =
        [
            new YAxis
            {
                Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = words["AxisPsiPrevious"] }, GridColor = ChartTheme.Grid(dark),
                Range = [0, Math.Round(top, 3)],
            },
        ];
        layout.Shapes = [Threshold("warning", thresholds.Warning, WarningColour, horizontal: true, words), Threshold("alert", thresholds.Alert, AlertColour, horizontal: true, words)];
        return (traces, layout);
    }

    /// <summary>
    /// A dashed line across the whole plot at a threshold, labelled with its level in words and its value (not colour
    /// alone); the shape keeps the level's name.
    /// </summary>
    public static Shape Threshold(string name, double value, string colour, bool horizontal, IStringLocalizer<ScoringWords> words) => new()
    {
        Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
        Name = name,
        XRef = horizontal ? "paper" : "x",
        YRef = horizontal ? "y" : "paper",
        X0 = horizontal ? 0 : value,
        X1 = horizontal ? 1 : value,
        Y0 = horizontal ? value : 0,
        Y1 = horizontal ? value : 1,
        Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = colour, Width = 1.5m, Dash = "dash" },
        Label = new Plotly.Blazor.LayoutLib.ShapeLib.Label
        {
            Text = $"{ScoringText.LevelText(name, words)} {ScoringText.Psi(value)}",
            Font = new Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.Font { Color = colour },
            // Upright text at the right end of a horizontal line, above the top of a vertical one: never over the bars.
            TextPosition = Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.TextPositionEnum.End,
            TextAngle = 0,
            XAnchor = horizontal ? Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.XAnchorEnum.Right : Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.XAnchorEnum.Center,
            YAnchor = Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.YAnchorEnum.Bottom,
        },
    };
}
