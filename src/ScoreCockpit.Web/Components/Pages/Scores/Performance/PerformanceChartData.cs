using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Scores.Performance;

/// <summary>What the over-time chart draws: one metric of every version, the production line, and the score's events.</summary>
public sealed record PerformanceChartInput(
    string Metric, IReadOnlyList<VersionSeries> Series, IReadOnlyList<ActivePoint> Active,
    IReadOnlyList<VersionSummary> Versions, IReadOnlyList<ActivationRecord> History);

/// <summary>A dated mark on the time axis: an activation or a retrain that changed the input schema.</summary>
public sealed record TimelineEvent(DateOnly Date, string Label, string Detail);

/// <summary>
/// The metric over time, one line per version. In-sample points are never drawn as out-of-time: they are left out
/// of the lines and, on request, drawn apart as hollow markers. With dozens of versions only the active one, the
/// newest few and their challengers start visible; the others wait in the legend.
/// </summary>
public static class PerformanceChartData
{
    /// <summary>Okabe–Ito without black (kept for text): distinguishable by colour-blind readers.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];

    public const int NewestShown = 4;

    public const string SchemaLabel = "schema";

    /// <summary>Past this many versions the legend moves to a scrolling column.</summary>
    public const int ManyVersions = 8;

    public static string Colour(int version) => Palette[(version - 1) % Palette.Count];

    /// <summary>The versions drawn at first: the active one, the newest main versions, and challengers trained with them.</summary>
    public static IReadOnlySet<int> ShownAtFirst(IReadOnlyList<VersionSummary> versions, int newest = NewestShown)
    {
        var main = versions.Where(v => v.ChallengerName is null).OrderByDescending(v => v.Number).Take(newest).ToList();
        var dates = main.Select(v => v.AsOfDate).ToHashSet();
        return versions.Where(v => v.Active || main.Contains(v) || (v.ChallengerName is not null && dates.Contains(v.AsOfDate)))
            .Select(v => v.Number).ToHashSet();
    }

    /// <summary>The y values of a version's line: in-sample points become gaps.</summary>
    public static IReadOnlyList<double?> OutOfTime(IReadOnlyList<PerformancePoint> points) =>
        [.. points.Select(p => p.InSample ? null : p.Value)];

    /// <summary>Activations and schema changes, oldest first.</summary>
    public static IReadOnlyList<TimelineEvent> Events(IReadOnlyList<VersionSummary> versions, IReadOnlyList<ActivationRecord> history) =>
    [
        .. history.Select(a => new TimelineEvent(DateOnly.FromDateTime(a.ActivatedAt), $"v{a.VersionNumber}",
            $"v{a.VersionNumber} activated by {a.ActivatedBy}: {a.Comment}")),
        .. versions.Where(v => v.SchemaDiff.Length > 0).Select(v => new TimelineEvent(v.AsOfDate, SchemaLabel,
            $"v{v.Number} trained on a changed schema: {v.SchemaDiff}")),
    ];

    /// <summary><paramref name="shown"/>: the versions drawn at first; by default <see cref="ShownAtFirst"/>.</summary>
    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(PerformanceChartInput input, bool showInSample, bool dark,
        IReadOnlySet<int>? shown = null)
    {
        shown ??= ShownAtFirst(input.Versions);
        var active = input.Versions.FirstOrDefault(v => v.Active)?.Number;
        var label = PerformanceText.Label(input.Metric);
        var traces = new List<ITrace>();
        if (input.Active.Count > 0)
        {
            // A wide translucent band under the lines: whichever version was in production at each date.
            traces.Add(new Scatter
            {
                Name = "in production",
                X = [.. input.Active.Select(p => (object)PerformanceText.Iso(p.Date))],
                Y = [.. input.Active.Select(p => (object?)(p.InSample ? null : p.Value))!],
                TextArray = [.. input.Active.Select(p => $"in production: v{p.Version} · {label} {PerformanceText.Value(input.Metric, p.Value)}")],
                HoverInfo = HoverInfoFlag.X | HoverInfoFlag.Text,
                Mode = ModeFlag.Lines,
                Line = new Line { Color = ChartTheme.Text(dark), Width = 10 },
                Opacity = 0.18m,
                ConnectGaps = false,
            });
        }

        foreach (var series in input.Series)
        {
            var name = series.ChallengerName is null ? $"v{series.Version}" : $"v{series.Version} {series.ChallengerName}";
            var isActive = series.Version == active;
            traces.Add(new Scatter
            {
                Name = isActive ? $"{name} (active)" : name,
                LegendGroup = name,
                Visible = shown.Contains(series.Version) ? VisibleEnum.True : VisibleEnum.LegendOnly,
                X = [.. series.Points.Select(p => (object)PerformanceText.Iso(p.Date))],
                Y = [.. OutOfTime(series.Points).Select(v => (object?)v)!],
                TextArray = [.. series.Points.Select(p => $"{name} · {label} {PerformanceText.Value(input.Metric, p.Value)}")],
                HoverInfo = HoverInfoFlag.X | HoverInfoFlag.Text,
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                Line = new Line { Color = Colour(series.Version), Width = isActive ? 4 : 1.5m, Dash = series.ChallengerName is null ? "solid" : "dash" },
                Marker = new Marker { Size = isActive ? 8 : 5, Color = Colour(series.Version) },
            });
            var inSample = series.Points.Where(p => p.InSample && p.Value is not null).ToList();
            if (showInSample && inSample.Count > 0)
            {
                traces.Add(new Scatter
                {
                    Name = $"{name} in-sample",
                    LegendGroup = name,
                    ShowLegend = false,
                    Visible = shown.Contains(series.Version) ? VisibleEnum.True : VisibleEnum.LegendOnly,
                    X = [.. inSample.Select(p => (object)PerformanceText.Iso(p.Date))],
                    Y = [.. inSample.Select(p => (object)p.Value!.Value)],
                    TextArray = [.. inSample.Select(p => $"{name} · {label} {PerformanceText.Value(input.Metric, p.Value)} · in-sample (trained on this date)")],
                    HoverInfo = HoverInfoFlag.X | HoverInfoFlag.Text,
                    Mode = ModeFlag.Markers,
                    Marker = new Marker { Size = 9, Color = Colour(series.Version), Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen },
                });
            }
        }

        return (traces, Layout(input, label, dark));
    }

    private static Plotly.Blazor.Layout Layout(PerformanceChartInput input, string label, bool dark)
    {
        var layout = ChartTheme.TimeLayout(dark, 380, new Margin { L = 60, R = 20, T = 30, B = 40 });
        layout.XAxis[0].GridColor = ChartTheme.Grid(dark);
        layout.YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = label }, GridColor = ChartTheme.Grid(dark) }];
        layout.Legend[0].Y = 1.25m;
        if (input.Series.Count > ManyVersions)
        {
            // Dozens of versions would stack legend rows over the plot: a scrolling column on the right instead.
            layout.Legend[0].Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.V;
            layout.Legend[0].X = 1.02m;
            layout.Legend[0].Y = 1;
            layout.Margin.R = 150;
        }

        var events = Events(input.Versions, input.History);
        layout.Shapes = [.. events.Select(e => EventLine(e, dark))];
        layout.Annotations = [.. events.Select(e => new Annotation
        {
            X = PerformanceText.Iso(e.Date),
            XRef = "x",
            // Above the plot, under the legend: clear of the date ticks and of the lines.
            Y = 1,
            YRef = "paper",
            YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
            // Schema changes one row above activations, so two events in the same month stay legible.
            YShift = e.Label == SchemaLabel ? 12 : 0,
            Text = e.Label,
            HoverText = e.Detail,
            ShowArrow = false,
            Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = 10, Color = ChartTheme.Text(dark) },
        })];
        return layout;
    }

    private static Shape EventLine(TimelineEvent e, bool dark) => new()
    {
        Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
        XRef = "x",
        YRef = "paper",
        X0 = PerformanceText.Iso(e.Date),
        X1 = PerformanceText.Iso(e.Date),
        Y0 = 0,
        Y1 = 1,
        Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = dark ? "rgba(230,233,237,0.5)" : "rgba(46,58,70,0.5)", Width = 1, Dash = "dot" },
    };
}
