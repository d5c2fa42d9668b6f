using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Evaluation.Comparison;
using ScoreCockpit.Web.Components.Pages.Scores.Performance;
using Xunit;
using static ScoreCockpit.Web.Tests.Performance.PerformanceSamples;

namespace ScoreCockpit.Web.Tests.Performance;

/// <summary>Gains and lift curves of versions scored on the same rows, against random targeting.</summary>
public sealed class GainsChartDataTests
{
    private static readonly IStringLocalizer<PerformanceWords> Words =
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<PerformanceWords>>();

    private static readonly DateComparison Comparison = new(Date, 1000, 0.05,
    [
        OnDate(1, 0.70, active: true),
        OnDate(2, 0.73),
        OnDate(3, 0.60) with { Failure = "The column 'plan' changed type", Gains = [], Lift = [] },
    ]);

    [Fact]
    public void Gains_run_from_the_origin_to_every_positive_in_percent_of_customers()
    {
        var (traces, layout) = GainsChartData.Build(Comparison, CurveKind.Gains, dark: false, Words);
        var lines = traces.OfType<Scatter>().ToList();

        Assert.Equal(["random targeting", "v1 (active)", "v2"], lines.Select(t => t.Name));
        var active = lines[1];
        Assert.Equal([0.0, 50.0, 100.0], active.X.Cast<object>().Select(Convert.ToDouble));
        Assert.Equal(1.0, Convert.ToDouble(active.Y.Cast<object>().Last()));
        Assert.True(active.Line.Width > lines[2].Line.Width);
        Assert.Equal(".0%", layout.YAxis[0].TickFormat);
    }

    [Fact]
    public void Lift_is_measured_against_one_and_names_what_the_reader_hovers()
    {
        var (traces, _) = GainsChartData.Build(Comparison, CurveKind.Lift, dark: true, Words);
        var lines = traces.OfType<Scatter>().ToList();

        Assert.Equal([1, 1], lines[0].Y.Cast<object>().Select(Convert.ToInt32));
        Assert.Contains("lift", lines[2].TextArray[0], StringComparison.Ordinal);
        Assert.Equal(1.6, Convert.ToDouble(lines[2].Y.Cast<object>().First()));
    }
}
