using Microsoft.Extensions.Localization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Scores.Scoring;

/// <summary>
/// The latest run's score histogram (bars) against the previous successful run's (a line with markers): bars and a
/// line differ in shape, not only in colour. Shares are in percent over the engine's 20 equal bins of [0, 1].
/// </summary>
public static class DistributionChartData
{
    public const string LatestColour = "#0072B2";
    public const string LatestColourDark = "#56B4E9";
    public const string PreviousColour = "#CC79A7";

    /// <summary>The centre of each bin, where its bar and its marker sit.</summary>
    public static IReadOnlyList<double> BinCentres(int bins) =>
        Enumerable.Range(0, bins).Select(i => Math.Round((i + 0.5) / bins, 4)).ToList();

    /// <summary>
    /// The right end of the score axis: just past the highest bin either run fills, rounded up to a tenth (at least
    /// 0.2), so a low-rate score such as churn is not squeezed into the first two bars of [0, 1].
    /// </summary>
    public static double AxisEnd(IReadOnlyList<double> latest, IReadOnlyList<double>? previous)
    {
        var last = latest.Concat(previous ?? []).Select((share, i) => (share, bin: i % Math.Max(1, latest.Count)))
            .Where(x => x.share > 0).Select(x => x.bin).DefaultIfEmpty(latest.Count - 1).Max();
        var end = Math.Ceiling((last + 1) * 10.0 / Math.Max(1, latest.Count)) / 10;
        return Math.Clamp(end, 0.2, 1);
    }

    public static IReadOnlyList<double> Percent(IReadOnlyList<double> shares) => shares.Select(s => Math.Round(s * 100, 2)).ToList();

    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(ScoringRunView latest, ScoringRunView? previous, bool dark, IStringLocalizer<ScoringWords> words)
    {
        var bins = latest.Histogram.Count;
        var x = BinCentres(bins).Select(c => (object)c).ToList();
        IList<ITrace> traces =
        [
            new Bar
            {
                Name = $"{ScoringText.Date(latest.ReferenceDate)} (v{latest.VersionNumber})", X = x,
                Y = Percent(latest.Histogram).Select(s => (object)s).ToList(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = dark ? LatestColourDark : LatestColour },
            },
        ];
        if (previous is not null && previous.Histogram.Count == bins)
        {
            traces.Add(new Scatter
            {
                Name = words["ChartPreviousRun", ScoringText.Date(previous.ReferenceDate), previous.VersionNumber],
                X = x,
                Y = Percent(previous.Histogram).Select(s => (object)s).ToList(),
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = PreviousColour, Width = 2 },
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = PreviousColour, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Diamond },
            });
        }

        var end = AxisEnd(latest.Histogram, previous?.Histogram.Count == bins ? previous.Histogram : null);
        var layout = ChartTheme.TimeLayout(dark, 300, new Margin { L = 60, R = 20, T = 10, B = 50 });
        layout.BarGap = 0.05m;
        layout.XAxis =
        [
            new XAxis
            {
                Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = words["AxisScore"] },
                Range = [0, end], DTick = end <= 0.5 ? 0.05m : 0.1m, GridColor = ChartTheme.Grid(dark),
                TickFormat = end <= 0.5 ? ".2f" : ".1f",
            },
        ];
        layout.YAxis =
        [
            new YAxis
            {
                Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = words["AxisCustomersPercent"] }, GridColor = ChartTheme.Grid(dark),
                RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
            },
        ];
        return (traces, layout);
    }
}
