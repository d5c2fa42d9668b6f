using Microsoft.Extensions.Localization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Overview;

/// <summary>Turns daily sign-in counts into a stacked bar chart: successes, then failures on top.</summary>
public static class SignInsChartData
{
    public const string SuccessColour = "#0072B2";
    public const string FailureColour = "#D55E00";

    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(
        IReadOnlyList<DailyCount> days, IStringLocalizer<OverviewText> text, bool dark = false)
    {
        var x = days.Select(d => (object)ChartDates.X(d.Day)).ToList();
        IList<ITrace> traces =
        [
            new Bar { Name = text["SignInsTrace"], X = x, Y = days.Select(d => (object)d.SignIns).ToList(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = SuccessColour } },
            new Bar { Name = text["FailedAttemptsTrace"], X = x, Y = days.Select(d => (object)d.Failures).ToList(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = FailureColour } },
        ];
        var layout = ChartTheme.TimeLayout(dark, 240, new Margin { L = 40, R = 10, T = 10, B = 40 });
        layout.BarMode = BarModeEnum.Stack;
        layout.YAxis = [new YAxis { RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero, DTick = 1, GridColor = ChartTheme.Grid(dark) }];
        return (traces, layout);
    }
}
