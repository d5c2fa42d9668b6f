using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Plotly.Blazor.Traces;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Web.Components.Pages.Overview;
using ScoreCockpit.Web.Components.Pages.Scores.Scoring;
using ScoreCockpit.Web.Components.Shared;
using Xunit;
using static ScoreCockpit.Web.Tests.Scoring.ScoringChartDataTests;

namespace ScoreCockpit.Web.Tests.Components;

/// <summary>Dates on charts and pages read in the cockpit's one style (CockpitDates), and a chart of one date shows that date.</summary>
public sealed class ChartDatesTests : BunitContext
{
    private static readonly DriftThresholds Thresholds = new();

    private static IReadOnlyList<ScoringRunView> Runs(params DateOnly[] dates) =>
        [.. dates.Select((d, i) => Run(i + 1, d, psi: 0.05))];

    [Fact]
    public void Date_axes_tick_and_hover_in_the_one_date_style_while_plotly_is_handed_iso_dates()
    {
        var (psiTraces, psi) = PsiHistoryChartData.Build(Runs(new DateOnly(2025, 11, 30), new DateOnly(2025, 12, 31)), Thresholds, dark: false, Words);
        var (_, signIns) = SignInsChartData.Build([new DailyCount(new DateOnly(2025, 11, 1), 2, 0), new DailyCount(new DateOnly(2025, 11, 2), 1, 1)], SignInsChartDataTests.Text);

        foreach (var layout in new[] { psi, signIns })
        {
            // "%Y-%m-%d" on the ticks and in the hover label: never "Nov 2025" nor "Nov 1, 2025".
            Assert.Equal(("%Y-%m-%d", "%Y-%m-%d"), (layout.XAxis[0].TickFormat, layout.XAxis[0].HoverFormat));
            Assert.Equal(CockpitDates.Iso.PlotlyDay, layout.XAxis[0].TickFormat);
        }

        Assert.Equal(["2025-11-30", "2025-12-31"], Assert.IsType<Scatter>(Assert.Single(psiTraces)).X.Cast<string>());
    }

    [Fact]
    public void A_chart_of_one_date_is_ranged_a_few_days_around_it_with_a_single_tick_on_that_date()
    {
        var (traces, layout) = PsiHistoryChartData.Build(Runs(new DateOnly(2026, 2, 28)), Thresholds, dark: false, Words);

        ChartDates.Fit(traces, layout);

        // Plotly would otherwise autoscale to milliseconds around the date and tick "23:59:59.9996".
        Assert.Equal(["2026-02-25", "2026-03-03"], layout.XAxis[0].Range.Cast<string>());
        Assert.Equal(["2026-02-28"], layout.XAxis[0].TickVals.Cast<string>());
        Assert.Equal(Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Array, layout.XAxis[0].TickMode);
    }

    [Fact]
    public void Charts_of_several_dates_and_charts_without_dates_keep_plotly_autoscale()
    {
        var (traces, layout) = PsiHistoryChartData.Build(Runs(new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28)), Thresholds, dark: false, Words);
        ChartDates.Fit(traces, layout);
        Assert.Null(layout.XAxis[0].Range);
        Assert.Null(layout.XAxis[0].TickVals);

        var (bars, linear) = DistributionChartData.Build(Run(1, new DateOnly(2026, 2, 28)), null, dark: false, Words);
        var range = linear.XAxis[0].Range?.ToList();
        ChartDates.Fit(bars, linear);
        Assert.Equal(range, linear.XAxis[0].Range?.ToList());
        Assert.Null(linear.XAxis[0].TickVals);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    public void Instants_on_pages_read_in_the_one_style_on_the_cockpit_clock_whatever_the_culture(string culture)
    {
        var time = new FakeTimeProvider();
        time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Services.AddSingleton<TimeProvider>(time);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var utc = new DateTime(2026, 12, 3, 15, 22, 0, DateTimeKind.Utc);
            // Not "12/3/2026 4:22 PM": ISO, 24-hour clock, Paris time (UTC+1 in December).
            Assert.Equal("2026-12-03 16:22", Render<LocalTime>(p => p.Add(c => c.Utc, utc)).Find("span").TextContent);
            Assert.Equal("2026-12-03", Render<LocalTime>(p => p.Add(c => c.Utc, utc).Add(c => c.Show, TimeShown.Day)).Find("span").TextContent);
            Assert.Equal("2025-11-01", ScoringText.Date(new DateOnly(2025, 11, 1)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
