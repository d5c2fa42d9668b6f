using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Web.Components.Pages.Scores.Scoring;
using Xunit;

namespace ScoreCockpit.Web.Tests.Scoring;

public sealed class ScoringChartDataTests
{
    private static readonly DriftThresholds Thresholds = new();

    /// <summary>The Scoring tab's words as the portal reads them (the test culture's, English here).</summary>
    internal static readonly IStringLocalizer<ScoringWords> Words =
        new StringLocalizer<ScoringWords>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    /// <summary>A run as the list handler returns it; the histogram puts everything in the bin given.</summary>
    internal static ScoringRunView Run(long id, DateOnly date, ScoringStatus status = ScoringStatus.Succeeded, double? psi = null,
        int bin = 0, IReadOnlyList<FeatureDrift>? drift = null, string? failure = null, int version = 1)
    {
        var histogram = Enumerable.Range(0, 20).Select(i => i == bin ? 0.75 : 0.25 / 19).ToArray();
        return new ScoringRunView(id, version, date, status, "scores_churn", new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddHours(id),
            new DateTime(2026, 3, 1, 8, 0, 5, DateTimeKind.Utc).AddHours(id), "ana@example.com", status == ScoringStatus.Succeeded ? 12_345 : 0,
            status == ScoringStatus.Succeeded ? 0.0345 : null, status == ScoringStatus.Succeeded ? histogram : [], [], psi, drift ?? [], [],
            failure, 5_000, Thresholds.Level(psi));
    }

    [Fact]
    public void The_latest_histogram_is_drawn_as_bars_in_percent_against_the_previous_run_as_a_line()
    {
        var latest = Run(3, new DateOnly(2026, 2, 28), psi: 0.02, bin: 1, version: 2);
        var previous = Run(1, new DateOnly(2026, 1, 31), bin: 0);

        var (traces, layout) = DistributionChartData.Build(latest, previous, dark: false, Words);

        var bars = Assert.IsType<Bar>(traces[0]);
        var line = Assert.IsType<Scatter>(traces[1]);
        Assert.Equal(20, bars.Y.Count);
        Assert.Equal(75.0, (double)bars.Y[1]);
        Assert.Equal(Math.Round(25.0 / 19, 2), (double)bars.Y[0]);
        Assert.Equal(75.0, (double)line.Y[0]);
        Assert.Equal(0.025, (double)bars.X[0]);
        Assert.Equal(0.975, (double)bars.X[^1]);
        Assert.Equal(bars.X, line.X);
        Assert.Equal("2026-02-28 (v2)", bars.Name);
        Assert.StartsWith("2026-01-31 (v1)", line.Name, StringComparison.Ordinal);
        Assert.Equal([0m, 1m], layout.XAxis[0].Range.Select(Convert.ToDecimal));
        Assert.Single(DistributionChartData.Build(latest, null, dark: true, Words).Traces);
    }

    [Fact]
    public void The_score_axis_ends_just_past_the_highest_filled_bin_of_either_run()
    {
        double[] churn = [0.8, 0.15, 0.05, .. new double[17]];
        var wider = churn.Select((s, i) => i == 6 ? 0.01 : s).ToArray();

        Assert.Equal(0.2, DistributionChartData.AxisEnd(churn, null), 9);
        Assert.Equal(0.4, DistributionChartData.AxisEnd(churn, wider), 9);
        Assert.Equal(1, DistributionChartData.AxisEnd([.. churn[..19], 0.01], null), 9);
    }

    [Fact]
    public void The_psi_series_keeps_one_successful_run_per_date_in_date_order()
    {
        // Newest first, as the handler lists them: a re-run of February replaced the first one, March failed.
        IReadOnlyList<ScoringRunView> runs =
        [
            Run(5, new DateOnly(2026, 3, 31), ScoringStatus.Failed, failure: "boom"),
            Run(4, new DateOnly(2026, 2, 28), psi: 0.3),
            Run(3, new DateOnly(2026, 2, 28), psi: 0.05),
            Run(2, new DateOnly(2025, 12, 31), psi: 0.12),
            Run(1, new DateOnly(2026, 1, 31)),
        ];

        var points = PsiHistoryChartData.Series(runs);

        Assert.Equal([new PsiPoint(new DateOnly(2025, 12, 31), 0.12, "warning"), new PsiPoint(new DateOnly(2026, 2, 28), 0.3, "alert")], points);
        var (traces, layout) = PsiHistoryChartData.Build(runs, Thresholds, dark: false, Words);
        var line = Assert.IsType<Scatter>(Assert.Single(traces));
        Assert.Equal(["2025-12-31", "2026-02-28"], line.X.Cast<string>());
        Assert.Equal([0.12, 0.3], line.Y.Cast<double>());
        Assert.Contains("alert", line.TextArray[1], StringComparison.Ordinal);
        Assert.Equal([("warning", 0.1), ("alert", 0.25)], layout.Shapes.Select(s => (s.Name, Convert.ToDouble(s.Y0))));
        Assert.All(layout.Shapes, s => Assert.Equal("dash", s.Line.Dash));
        Assert.All(layout.Shapes, s => Assert.Equal((s.Y0, "paper"), (s.Y1, s.XRef)));
        Assert.True(Convert.ToDouble(layout.YAxis[0].Range[1]) >= 0.3 * 1.15 - 1e-9);
    }

    [Fact]
    public void The_thresholds_stay_in_view_when_every_psi_is_small()
    {
        var (_, layout) = PsiHistoryChartData.Build([Run(2, new DateOnly(2026, 2, 28), psi: 0.01)], new DriftThresholds { Warning = 0.2, Alert = 0.4 }, false, Words);

        Assert.True(Convert.ToDouble(layout.YAxis[0].Range[1]) > 0.4);
        Assert.Equal($"alert {ScoringText.Psi(0.4)}", layout.Shapes[1].Label.Text);
    }

    [Fact]
    public void The_top_ten_drifting_features_are_ranked_with_their_level_in_words_and_colour()
    {
        var drift = Enumerable.Range(0, 14).Select(i => new FeatureDrift($"f{i:00}", i / 50.0)).ToList();

        var top = FeatureDriftChartData.TopFeatures(drift, Thresholds);
        var (traces, layout) = FeatureDriftChartData.Build(drift, Thresholds, dark: true, Words);

        Assert.Equal(10, top.Count);
        Assert.Equal(new FeatureDriftBar("f13", 13 / 50.0, "alert"), top[0]);
        // 0.24 down to 0.10 are warnings (the threshold itself included), 0.08 is ok.
        Assert.Equal(["alert", "warning", "warning"], top.Take(3).Select(f => f.Level));
        Assert.Equal(("f05", "warning"), (top[^2].Column, top[^2].Level));
        Assert.Equal(("f04", "ok"), (top[^1].Column, top[^1].Level));
        var bars = Assert.IsType<Bar>(Assert.Single(traces));
        Assert.Equal(Plotly.Blazor.Traces.BarLib.OrientationEnum.H, bars.Orientation);
        Assert.Equal("f13", bars.Y[0]);
        Assert.Equal($"{ScoringText.Psi(0.26)} alert", bars.TextArray[0]);
        Assert.Equal(ScoringText.Psi(0.08), bars.TextArray[^1]);
        Assert.Equal(PsiHistoryChartData.AlertColour, bars.Marker.ColorArray[0]);
        Assert.Equal(FeatureDriftChartData.OkColour, bars.Marker.ColorArray[^1]);
        Assert.Equal([0.1, 0.25], layout.Shapes.Select(s => Convert.ToDouble(s.X0)));
        Assert.All(layout.Shapes, s => Assert.Equal("paper", s.YRef));
    }

    [Fact]
    public void Figures_and_links_are_written_the_same_way_everywhere()
    {
        Assert.Equal("/scores/churn/scores.csv?date=2026-02-28", ScoringText.CsvUrl("churn", new DateOnly(2026, 2, 28)));
        Assert.Equal("/scores/cross-sell/scores.xlsx?date=2026-02-28", ScoringText.ExcelUrl("cross-sell", new DateOnly(2026, 2, 28)));
        Assert.Equal("—", ScoringText.Psi(null));
        string[] levels = ["ok", "warning", "alert", "none"];
        Assert.Equal(["ok", "warning", "alert", "no previous run"], levels.Select(l => ScoringText.LevelText(l, Words)));
    }
}
