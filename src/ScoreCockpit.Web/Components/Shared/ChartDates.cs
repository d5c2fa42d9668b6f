using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Reporting;

namespace ScoreCockpit.Web.Components.Shared;

/// <summary>Dates on charts: how they are handed to Plotly, and how a date axis writes them (CockpitDates' one style).</summary>
public static class ChartDates
{
    /// <summary>Days either side of a chart's only date: enough room for a marker, too little for Plotly to tick hours.</summary>
    public const int SingleDatePadding = 3;

    /// <summary>A date as Plotly reads it: always ISO, whatever the reader's culture. The axis then writes it.</summary>
    public static string X(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date axis whose ticks and hover labels are written in the cockpit's one date style.</summary>
    public static XAxis Axis() => new()
    {
        Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
        TickFormat = CockpitDates.Current.PlotlyDay,
        HoverFormat = CockpitDates.Current.PlotlyDay,
    };

    /// <summary>
    /// A date axis with a single date to show would be autoscaled by Plotly to a few milliseconds around it, ticked
    /// "23:59:59.9996". Such an axis gets a range of a few days around that date and one tick, on the date itself.
    /// Every chart passes through here (ScoringChart); charts with several dates or a range of their own are left alone.
    /// </summary>
    public static void Fit(IList<ITrace> traces, Plotly.Blazor.Layout layout)
    {
        if (layout.XAxis is not [{ Type: Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, Range: null } axis, ..])
        {
            return;
        }

        var dates = traces.SelectMany(XValues).Select(Day).Distinct().ToList();
        if (dates is not [{ } only])
        {
            return;
        }

        axis.Range = [X(only.AddDays(-SingleDatePadding)), X(only.AddDays(SingleDatePadding))];
        axis.TickMode = Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Array;
        axis.TickVals = [X(only)];
    }

    private static IEnumerable<object> XValues(ITrace trace) => trace switch
    {
        Scatter scatter => scatter.X ?? [],
        Bar bar => bar.X ?? [],
        _ => [],
    };

    private static DateOnly? Day(object value) => value switch
    {
        DateOnly date => date,
        DateTime time => DateOnly.FromDateTime(time),
        string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        _ => null,
    };
}
