using Microsoft.Extensions.Localization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Quality;

/// <summary>One reference date of a metric: its value and the worst outcome of the checks on it that date (null: not checked).</summary>
public sealed record MetricPoint(DateOnly ReferenceDate, double? Value, CheckStatus? Status);

/// <summary>A bound drawn across the chart: which one (its name as shown, and whether it is a minimum) and where.</summary>
public sealed record MetricBound(string Name, double Value, CheckStatus Level, bool Minimum = false);

/// <summary>
/// A metric over reference dates: the values as a line, each point marked by its check outcome (colour and shape, with
/// the status in the legend), and the latest bounds check's warning and error bounds as dashed lines.
/// </summary>
public static class MetricChartData
{
    public static IReadOnlyList<MetricPoint> Series(IReadOnlyList<QualityMeasurement> history, IReadOnlyList<CheckResult> checks)
    {
        var worst = checks.GroupBy(c => c.ReferenceDate).ToDictionary(g => g.Key, g => g.Max(c => c.Status));
        return history.OrderBy(m => m.ReferenceDate)
            .Select(m => new MetricPoint(m.ReferenceDate, m.Value, worst.TryGetValue(m.ReferenceDate, out var s) ? s : null))
            .ToList();
    }

    /// <summary>The bounds of the latest bounds check on the metric: those are the ones in force.</summary>
    public static IReadOnlyList<MetricBound> Bounds(IReadOnlyList<CheckResult> checks, IStringLocalizer? words = null)
    {
        words ??= QualityText.Words;
        var latest = checks.Where(c => c.Kind == QualityNames.Of(CheckKind.Bounds))
            .OrderByDescending(c => c.ReferenceDate).ThenByDescending(c => c.CheckedAt).FirstOrDefault();
        if (latest is null)
        {
            return [];
        }

        return new (string Key, double? Value, CheckStatus Level, bool Minimum)[]
        {
            ("BoundErrorMin", latest.ErrorMin, CheckStatus.Error, true), ("BoundWarningMin", latest.WarningMin, CheckStatus.Warning, true),
            ("BoundWarningMax", latest.WarningMax, CheckStatus.Warning, false), ("BoundErrorMax", latest.ErrorMax, CheckStatus.Error, false),
        }.Where(b => b.Value is not null).Select(b => new MetricBound(words[b.Key], b.Value!.Value, b.Level, b.Minimum)).ToList();
    }

    public static (IList<ITrace> Traces, Plotly.Blazor.Layout Layout) Build(
        string metric, IReadOnlyList<QualityMeasurement> history, IReadOnlyList<CheckResult> checks, bool dark,
        IStringLocalizer? words = null, IStringLocalizer? shared = null)
    {
        words ??= QualityText.Words;
        string notChecked = words["NotChecked"];
        var points = Series(history, checks);
        IList<ITrace> traces =
        [
            new Scatter
            {
                Name = metric,
                X = points.Select(p => (object)Iso(p.ReferenceDate)).ToList(),
                Y = points.Select(p => (object?)p.Value).ToList()!,
                Mode = ModeFlag.Lines,
                Line = new Line { Color = QualityText.LineColour, Width = 2 },
                HoverInfo = HoverInfoFlag.Skip,
            },
        ];
        foreach (var status in new CheckStatus?[] { CheckStatus.Ok, CheckStatus.Warning, CheckStatus.Error, null })
        {
            var marked = points.Where(p => p.Status == status && p.Value is not null).ToList();
            if (marked.Count == 0)
            {
                continue;
            }

            traces.Add(new Scatter
            {
                Name = status is { } s ? QualityText.Shown(s, shared) : notChecked,
                X = marked.Select(p => (object)Iso(p.ReferenceDate)).ToList(),
                Y = marked.Select(p => (object)p.Value!.Value).ToList(),
                TextArray = marked.Select(p => $"{metric} {QualityText.Value(p.Value)} · {(p.Status is { } t ? QualityText.Shown(t, shared) : notChecked)}").ToList(),
                HoverInfo = HoverInfoFlag.X | HoverInfoFlag.Text,
                Mode = ModeFlag.Markers,
                Marker = new Marker
                {
                    Size = 10,
                    Color = status is { } c ? QualityText.Hex(c) : QualityText.LineColour,
                    Symbol = status switch
                    {
                        CheckStatus.Ok => Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Circle,
                        CheckStatus.Warning => Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.TriangleUp,
                        CheckStatus.Error => Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.X,
                        _ => Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen,
                    },
                },
            });
        }

        var layout = ChartTheme.TimeLayout(dark, 320, new Margin { L = 70, R = 20, T = 10, B = 40 });
        layout.XAxis[0].GridColor = ChartTheme.Grid(dark);
        var bounds = Bounds(checks, words);
        layout.YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = metric }, GridColor = ChartTheme.Grid(dark) }];
        if (bounds.Count > 0)
        {
            // Room above the highest line and below the lowest, so every bound's label stays inside the plot.
            var all = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).Concat(bounds.Select(b => b.Value)).ToList();
            var pad = Math.Max((all.Max() - all.Min()) * 0.1, Math.Abs(all.Max()) * 0.01 + 1e-9);
            layout.YAxis[0].Range = [all.Min() - pad, all.Max() + pad];
        }

        layout.Shapes = bounds.Select(Line).ToList();
        return (traces, layout);
    }

    private static string Iso(DateOnly date) => ChartDates.X(date);

    /// <summary>A dashed line across the plot, labelled with its name and value (not colour alone).</summary>
    private static Shape Line(MetricBound bound) => new()
    {
        Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
        Name = bound.Name,
        XRef = "paper",
        YRef = "y",
        X0 = 0,
        X1 = 1,
        Y0 = bound.Value,
        Y1 = bound.Value,
        Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = QualityText.Hex(bound.Level), Width = 1.5m, Dash = "dash" },
        Label = new Plotly.Blazor.LayoutLib.ShapeLib.Label
        {
            Text = $"{bound.Name} {QualityText.Value(bound.Value)}",
            Font = new Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.Font { Color = QualityText.Hex(bound.Level) },
            TextPosition = Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.TextPositionEnum.End,
            TextAngle = 0,
            XAnchor = Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.XAnchorEnum.Right,
            // A minimum's label under its line and a maximum's above it: outside the band where the values lie.
            YAnchor = bound.Minimum
                ? Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.YAnchorEnum.Top
                : Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.YAnchorEnum.Bottom,
        },
    };
}
