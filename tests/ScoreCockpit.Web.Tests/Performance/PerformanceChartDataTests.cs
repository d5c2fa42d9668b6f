using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Web.Components.Pages.Scores.Performance;
using Xunit;
using static ScoreCockpit.Web.Tests.Performance.PerformanceSamples;

namespace ScoreCockpit.Web.Tests.Performance;

/// <summary>The over-time chart's data: in-sample never drawn as out-of-time, the active version stands out, dozens of versions stay readable.</summary>
public sealed class PerformanceChartDataTests
{
    private static readonly IStringLocalizer<PerformanceWords> Words =
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<PerformanceWords>>();

    private static PerformanceChartInput Input(IReadOnlyList<VersionSummary> versions, IReadOnlyList<ActivationRecord>? history = null) => new(
        "auc",
        [.. versions.Select(v => new VersionSeries(v.Number, v.ChallengerName, v.AsOfDate,
            [Point(1, 0.9, inSample: true), Point(2, 0.71), Point(3, 0.72)]))],
        [new ActivePoint(new DateOnly(2025, 2, 28), 1, 0.71, EvaluationKind.Forward)],
        versions,
        history ?? []);

    [Fact]
    public void In_sample_points_stay_off_the_lines_and_come_faded_only_on_request()
    {
        var input = Input([Version(1, active: true), Version(2)]);

        var (hidden, _) = PerformanceChartData.Build(input, showInSample: false, dark: false, Words);
        var (shown, _) = PerformanceChartData.Build(input, showInSample: true, dark: false, Words);

        var line = hidden.OfType<Scatter>().Single(t => t.Name == "v2");
        Assert.Equal([0.71, 0.72], line.Y.Cast<object?>().Select(y => (double?)y));
        Assert.DoesNotContain(hidden.OfType<Scatter>(), t => t.LegendGroup == "in-sample");
        var markers = shown.OfType<Scatter>().Where(t => t.LegendGroup == "in-sample").ToList();
        Assert.Equal(2, markers.Count);
        // One legend entry for the kind, with its reason; a click on it shows or hides every version's in-sample points.
        Assert.Equal([true, false], markers.Select(m => m.ShowLegend == true));
        Assert.Equal("in-sample: the version trained on this date", markers[0].Name);
        Assert.All(markers, m => Assert.Equal(ModeFlag.Markers, m.Mode));
        Assert.All(markers, m => Assert.True(m.Opacity < 1));
        Assert.All(markers, m => Assert.Equal([0.9], m.Y.Cast<object>().Select(y => (double)y)));
    }

    [Fact]
    public void Back_tests_are_off_by_default_and_thin_dates_are_hollow_and_never_on_a_line()
    {
        // v1 trained on March–April, validated on May: January and February are back-tests, July is thin.
        IReadOnlyList<VersionSeries> series =
        [
            new(1, null, new DateOnly(2025, 6, 1),
            [
                Point(1, 0.55, kind: EvaluationKind.BackTest), Point(2, 0.56, kind: EvaluationKind.BackTest),
                Point(3, 0.9, inSample: true), Point(4, 0.9, inSample: true), Point(5, 0.74, kind: EvaluationKind.Validation),
                Point(6, 0.72), Point(7, 0.99, thin: true), Point(8, 0.70),
            ]),
        ];
        var input = new PerformanceChartInput("auc", series, [], [Version(1, active: true)], []);

        var (hidden, _) = PerformanceChartData.Build(input, showInSample: false, dark: false, Words);
        var (shown, _) = PerformanceChartData.Build(input, showInSample: true, dark: false, Words);

        var line = hidden.OfType<Scatter>().Single(t => t.Name == "v1 (active)");
        Assert.Equal(["2025-05-28", "2025-06-28", "2025-08-28"], line.X.Cast<string>());
        Assert.DoesNotContain(hidden.OfType<Scatter>(), t => t.LegendGroup == "back-test");
        var thin = Assert.Single(hidden.OfType<Scatter>(), t => t.LegendGroup == "thin");
        Assert.Equal(["2025-07-28"], thin.X.Cast<string>());
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.CircleOpen, thin.Marker.Symbol);
        Assert.Equal("thin date: too few rows or positives to count", thin.Name);
        var backTests = Assert.Single(shown.OfType<Scatter>(), t => t.LegendGroup == "back-test");
        Assert.Equal(["2025-01-28", "2025-02-28"], backTests.X.Cast<string>());
        Assert.Equal("back-test: before the version's training window", backTests.Name);
        Assert.True(backTests.Opacity < 1);
    }

    [Fact]
    public void A_retrain_and_its_challengers_share_one_schema_mark()
    {
        var day = new DateOnly(2025, 6, 1);
        var versions = new[]
        {
            Version(1),
            Version(2, active: true, schemaDiff: "+fiber_eligible", asOf: day),
            Version(3, challenger: "logistic", schemaDiff: "+fiber_eligible", asOf: day),
        };

        var (_, layout) = PerformanceChartData.Build(Input(versions), false, false, Words);

        var schema = Assert.Single(layout.Annotations, a => (string)a.Text == PerformanceChartData.SchemaLabel);
        Assert.Contains("v2 trained on a changed schema", schema.HoverText, StringComparison.Ordinal);
        Assert.Contains("v3 trained on a changed schema", schema.HoverText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_active_version_has_the_thicker_line_and_the_production_band_follows_the_history()
    {
        var (traces, _) = PerformanceChartData.Build(Input([Version(1, active: true), Version(2)]), false, dark: true, Words);
        var scatters = traces.OfType<Scatter>().ToList();

        var active = scatters.Single(t => t.Name == "v1 (active)");
        var other = scatters.Single(t => t.Name == "v2");
        Assert.True(active.Line.Width > other.Line.Width);
        var band = scatters.Single(t => t.Name == "in production");
        Assert.Equal(["2025-02-28"], band.X.Cast<string>());
        Assert.Contains("v1", band.TextArray[0], StringComparison.Ordinal);
    }

    [Fact]
    public void With_dozens_of_versions_only_the_active_the_newest_and_their_challengers_start_visible()
    {
        var versions = Enumerable.Range(1, 12).Select(n => Version(n, active: n == 2, asOf: new DateOnly(2024, n, 1)))
            .Append(Version(13, challenger: "logistic", asOf: new DateOnly(2024, 12, 1)))
            .Append(Version(14, challenger: "logistic", asOf: new DateOnly(2024, 3, 1)))
            .ToList();

        var shown = PerformanceChartData.ShownAtFirst(versions);
        var (traces, _) = PerformanceChartData.Build(Input(versions), false, false, Words);

        Assert.Equal([2, 9, 10, 11, 12, 13], shown.Order());
        Assert.Equal(VisibleEnum.LegendOnly, traces.OfType<Scatter>().Single(t => t.Name == "v1").Visible);
        Assert.Equal(VisibleEnum.True, traces.OfType<Scatter>().Single(t => t.Name == "v12").Visible);
        Assert.Equal(VisibleEnum.LegendOnly, traces.OfType<Scatter>().Single(t => t.Name == "v14 logistic").Visible);
        var (_, layout) = PerformanceChartData.Build(Input(versions), false, false, Words);
        Assert.Equal(Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.V, layout.Legend[0].Orientation);
    }

    [Fact]
    public void Activations_and_schema_changes_are_dotted_lines_with_hover_text()
    {
        var versions = new[] { Version(1), Version(2, active: true, schemaDiff: "+fiber_eligible -sms_count") };
        var history = new[] { new ActivationRecord(2, new DateTime(2025, 3, 2, 9, 0, 0, DateTimeKind.Utc), "ana@example.com", "better on recent months") };

        var (_, layout) = PerformanceChartData.Build(Input(versions, history), false, false, Words);

        Assert.Equal(2, layout.Shapes.Count);
        Assert.All(layout.Shapes, s => Assert.Equal("dot", s.Line.Dash));
        Assert.Contains(layout.Annotations, a => a.HoverText == "v2 activated by ana@example.com: better on recent months" && (string)a.X == "2025-03-02");
        Assert.Contains(layout.Annotations, a => a.HoverText!.Contains("+fiber_eligible -sms_count", StringComparison.Ordinal) && (string)a.X == "2025-02-01");
    }
}
