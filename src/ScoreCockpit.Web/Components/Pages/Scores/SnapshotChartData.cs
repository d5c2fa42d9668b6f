using Microsoft.Extensions.Localization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Scores;

/// <summary>
/// Rows per reference date as bars (a drop in volume stands out) and the base rate as a line on its own
/// axis; dates whose labels are not final are drawn pale.
/// </summary>
public static class SnapshotChartData
{
    public const string RowsColour = "#56B4E9";
    public const string PendingColour = "rgba(86,180,233,0.35)";
    public const string BaseRateColour = "#D55E00";

    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(IReadOnlyList<SnapshotSummary> snapshots, bool dark, IStringLocalizer text)
    {
        var ordered = snapshots.OrderBy(s => s.ReferenceDate).ToList();
        var x = ordered.Select(s => (object)ChartDates.X(s.ReferenceDate)).ToList();
        IList<ITrace> traces =
        [
            new Bar
            {
                Name = text["ChartRows"], X = x, Y = ordered.Select(s => (object)s.Rows).ToList(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker
                {
                    ColorArray = ordered.Select(s => (object)(s.LabelsFinal ? RowsColour : PendingColour)).ToList(),
                },
            },
            new Scatter
            {
                Name = text["ChartBaseRate"], X = x, YAxis = "y2",
                // A base rate before the horizon is over counts only the events seen so far: not drawn.
                Y = ordered.Select(s => (object?)(s.LabelsFinal && s.BaseRate is { } r ? Math.Round(r * 100, 2) : null)).ToList()!,
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = BaseRateColour, Width = 2 },
            },
        ];
        var layout = ChartTheme.TimeLayout(dark, 300, new Margin { L = 60, R = 60, T = 10, B = 40 });
        layout.YAxis =
            [
                new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = text["AxisRows"] }, GridColor = ChartTheme.Grid(dark), RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero },
                new YAxis
                {
                    Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = text["AxisBaseRate"] },
                    Overlaying = "y", Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right, ShowGrid = false,
                    RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
                },
            ];
        return (traces, layout);
    }
}
