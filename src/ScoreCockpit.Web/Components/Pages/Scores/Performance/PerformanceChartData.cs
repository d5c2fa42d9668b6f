using Microsoft.Extensions.Localization;
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
public sealed record TimelineEvent(DateOnly Date, string Label, string Detail, bool Schema = false);

/// <summary>
/// The metric over time, one line per version through its validation and forward dates. In-sample points and
/// back-tests are never drawn as performance: they are left out of the lines and, on request, drawn apart as faded
/// markers, each kind with its reason in the legend. Thin dates are drawn hollow, off the lines. With dozens of
/// versions only the active one, the newest few and their challengers start visible; the others wait in the legend.
/// </summary>
public static class PerformanceChartData
{
    /// <summary>Okabe–Ito without black (kept for text): distinguishable by colour-blind readers.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];

    public const int NewestShown = 4;

    /// <summary>The schema mark's label in English (the chart shows it in the reader's language).</summary>
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

    /// <summary>The points of a version's line: its validation date and forward dates with enough rows and positives.</summary>
    public static IReadOnlyList<PerformancePoint> OnLine(IReadOnlyList<PerformancePoint> points) =>
        [.. points.Where(p => EvaluationKinds.Compares(p.Kind, p.Thin))];

    /// <summary>
    /// Activations and schema changes, oldest first. A version and the challengers trained with it share one schema
    /// mark per day, so a change taken in by a whole retrain reads once, not once per model.
    /// </summary>
    public static IReadOnlyList<TimelineEvent> Events(IReadOnlyList<VersionSummary> versions, IReadOnlyList<ActivationRecord> history,
        IStringLocalizer<PerformanceWords> words) =>
    [
        .. history.Select(a => new TimelineEvent(DateOnly.FromDateTime(a.ActivatedAt), $"v{a.VersionNumber}",
            words["ChartActivatedBy", a.VersionNumber, a.ActivatedBy, a.Comment])),
        .. versions.Where(v => v.SchemaDiff.Length > 0).GroupBy(v => v.AsOfDate).Select(day => new TimelineEvent(day.Key, words["ChartSchema"],
            string.Join("<br>", day.OrderBy(v => v.Number).Select(v => words["ChartChangedSchema", v.Number, v.SchemaDiff].Value)), Schema: true)),
    ];

    /// <summary>The faded, off-the-line points, each kind a legend entry of its own with its reason (the key of its words).</summary>
    private static readonly (string Group, string Legend, Func<PerformancePoint, bool> Is, bool Optional)[] Apart =
    [
        ("thin", "ChartLegendThin", p => p.Thin, false),
        ("in-sample", "ChartLegendInSample", p => p.Kind == EvaluationKind.InSample && !p.Thin, true),
        ("back-test", "ChartLegendBackTest", p => p.Kind == EvaluationKind.BackTest && !p.Thin, true),
    ];

    /// <summary><paramref name="shown"/>: the versions drawn at first; by default <see cref="ShownAtFirst"/>.</summary>
    /// <param name="showInSample">Also draw in-sample points and back-tests (faded); thin dates are always drawn hollow.</param>
    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(PerformanceChartInput input, bool showInSample, bool dark,
        IStringLocalizer<PerformanceWords> words, IReadOnlySet<int>? shown = null)
    {
        shown ??= ShownAtFirst(input.Versions);
        var active = input.Versions.FirstOrDefault(v => v.Active)?.Number;
        var label = PerformanceText.Label(input.Metric, words);
        var traces = new List<ITrace>();
        if (input.Active.Count > 0)
        {
            // A wide translucent band under the lines: whichever version was in production at each date.
            traces.Add(new Scatter
            {
                Name = words["ChartInProduction"].Value,
                X = [.. input.Active.Select(p => (object)PerformanceText.Iso(p.Date))],
                Y = [.. input.Active.Select(p => (object?)(EvaluationKinds.Compares(p.Kind, p.Thin) ? p.Value : null))!],
                TextArray = [.. input.Active.Select(p => words["ChartInProductionHover", p.Version, label, PerformanceText.Value(input.Metric, p.Value)].Value)],
                HoverInfo = HoverInfoFlag.X | HoverInfoFlag.Text,
                Mode = ModeFlag.Lines,
                Line = new Line { Color = ChartTheme.Text(dark), Width = 10 },
                Opacity = 0.18m,
                ConnectGaps = false,
            });
        }

        var legendShown = new HashSet<string>();
        foreach (var series in input.Series)
        {
            var name = series.ChallengerName is null ? $"v{series.Version}" : $"v{series.Version} {series.ChallengerName}";
            var isActive = series.Version == active;
            var visible = shown.Contains(series.Version) ? VisibleEnum.True : VisibleEnum.LegendOnly;
            var line = OnLine(series.Points);
            traces.Add(new Scatter
            {
                Name = isActive ? words["ActiveName", name].Value : name,
                LegendGroup = name,
                Visible = visible,
                X = [.. line.Select(p => (object)PerformanceText.Iso(p.Date))],
                Y = [.. line.Select(p => (object?)p.Value)!],
                TextArray = [.. line.Select(p => $"{name} · {label} {PerformanceText.Value(input.Metric, p.Value)}" +
                    (p.Kind == EvaluationKind.Validation ? $" · {words["ChartItsValidationDate"]}" : ""))],
                HoverInfo = HoverInfoFlag.X | HoverInfoFlag.Text,
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                Line = new Line { Color = Colour(series.Version), Width = isActive ? 4 : 1.5m, Dash = series.ChallengerName is null ? "solid" : "dash" },
                Marker = new Marker { Size = isActive ? 8 : 5, Color = Colour(series.Version) },
            });
            foreach (var (group, legendKey, isApart, optional) in Apart)
            {
                string legend = words[legendKey];
                var points = series.Points.Where(p => isApart(p) && p.Value is not null).ToList();
                if (points.Count == 0 || (optional && !showInSample))
                {
                    continue;
                }

                traces.Add(new Scatter
                {
                    // One legend entry per kind, whose click shows or hides that kind for every version.
                    Name = legend,
                    LegendGroup = group,
                    ShowLegend = legendShown.Add(group),
                    Visible = visible,
                    X = [.. points.Select(p => (object)PerformanceText.Iso(p.Date))],
                    Y = [.. points.Select(p => (object)p.Value!.Value)],
                    TextArray = [.. points.Select(p => $"{name} · {label} {PerformanceText.Value(input.Metric, p.Value)} · {legend}")],
                    HoverInfo = HoverInfoFlag.X | HoverInfoFlag.Text,
                    Mode = ModeFlag.Markers,
                    Opacity = group == "thin" ? 1 : 0.4m,
                    Marker = new Marker
                    {
                        Size = 9,
                        Color = Colour(series.Version),
                        Symbol = group == "back-test" ? Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.DiamondOpen
                            : Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen,
                    },
                });
            }
        }

        return (traces, Layout(input, label, dark, words));
    }

    private static Plotly.Blazor.Layout Layout(PerformanceChartInput input, string label, bool dark, IStringLocalizer<PerformanceWords> words)
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

        var events = Events(input.Versions, input.History, words);
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
            YShift = e.Schema ? 12 : 0,
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
