using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Web.Components.Pages.Scores.Compare;
using ScoreCockpit.Web.Components.Pages.Scores.Performance;
using Xunit;
using static ScoreCockpit.Web.Tests.Performance.PerformanceSamples;

namespace ScoreCockpit.Web.Tests.Performance;

/// <summary>The compare page's table: per-date values, and the median of out-of-time dates for the range (never a mean).</summary>
public sealed class CompareTableDataTests
{
    private static readonly IStringLocalizer<PerformanceWords> Words =
        new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider().GetRequiredService<IStringLocalizer<PerformanceWords>>();

    private static readonly IReadOnlyList<VersionSeries> Series =
    [
        new(1, null, new DateOnly(2025, 1, 1), [Point(1, 0.9, inSample: true), Point(2, 0.70), Point(3, 0.74), Point(4, 0.71)]),
        new(2, null, new DateOnly(2025, 3, 1), [Point(3, 0.95, inSample: true), Point(4, 0.76)]),
        new(3, null, new DateOnly(2025, 4, 1), [Point(4, 0.99, inSample: true)]),
    ];

    [Fact]
    public void Rows_are_the_range_s_dates_newest_first_with_in_sample_cells_flagged()
    {
        var rows = CompareTableData.Rows(Series, [1, 2], new DateOnly(2025, 2, 1), null);

        Assert.Equal([new DateOnly(2025, 4, 28), new DateOnly(2025, 3, 28), new DateOnly(2025, 2, 28)], rows.Select(r => r.Date));
        Assert.True(rows[1].Cells[2].InSample);
        Assert.False(rows[2].Cells.ContainsKey(2));
    }

    [Fact]
    public void The_range_figure_is_the_median_of_out_of_time_dates()
    {
        var rows = CompareTableData.Rows(Series, [1, 2, 3], null, null);

        Assert.Equal(0.71, CompareTableData.Median(rows, 1)!.Value, 12);
        Assert.Equal(0.76, CompareTableData.Median(rows, 2)!.Value, 12);
        Assert.Null(CompareTableData.Median(rows, 3));
        Assert.Equal(3, CompareTableData.ForwardDates(rows, 1));
    }

    [Fact]
    public void The_median_leaves_out_back_tests_validation_dates_and_thin_dates()
    {
        // v4 trained on months 5–6, validated on 7: months 1–4 are back-tests, month 9 is thin, 8 and 10 are forward.
        IReadOnlyList<VersionSeries> series =
        [
            new(4, null, new DateOnly(2025, 8, 1),
            [
                Point(1, 0.50, kind: EvaluationKind.BackTest), Point(2, 0.52, kind: EvaluationKind.BackTest),
                Point(3, 0.54, kind: EvaluationKind.BackTest), Point(4, 0.55, kind: EvaluationKind.BackTest),
                Point(5, 0.90, inSample: true), Point(6, 0.91, inSample: true), Point(7, 0.80, kind: EvaluationKind.Validation),
                Point(8, 0.71), Point(9, 0.99, thin: true), Point(10, 0.73),
            ]),
        ];

        var rows = CompareTableData.Rows(series, [4], null, null);

        Assert.Equal(0.72, CompareTableData.Median(rows, 4)!.Value, 12);
        Assert.Equal(2, CompareTableData.ForwardDates(rows, 4));
        Assert.False(rows.Single(r => r.Date.Month == 9).Cells[4].Counts);
    }

    [Fact]
    public void The_address_is_read_leniently_and_written_back_the_same_way()
    {
        Assert.Equal([12, 15], CompareTableData.ParseVersions(" 15, v12,x,15"));
        Assert.Empty(CompareTableData.ParseVersions(null));
        Assert.Equal(new DateOnly(2025, 1, 31), CompareTableData.ParseDate("2025-01-31"));
        Assert.Null(CompareTableData.ParseDate("31/01/2025"));
        Assert.Equal("scores/churn/compare?versions=12,15&from=2025-01-31&to=2026-02-28",
            PerformanceText.CompareUrl("churn", [15, 12], new DateOnly(2025, 1, 31), new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void Differences_are_said_in_words_from_their_interval()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-GB");

        Assert.Equal("+0.012 [0.004, 0.020], better", PerformanceText.Difference(new(0.012, 0.004, 0.020, 0.004, 0.003), Words));
        Assert.Equal("-0.030 [-0.050, -0.010], worse", PerformanceText.Difference(new(-0.03, -0.05, -0.01, 0.01, 0.003), Words));
        Assert.Equal("+0.005 [-0.010, 0.020], no clear difference", PerformanceText.Difference(new(0.005, -0.01, 0.02, 0.008, 0.5), Words));
        Assert.Equal("2.46", PerformanceText.Value("lift_10", 2.456));
        Assert.Equal("24.6 %", PerformanceText.Value("capture_10", 0.2456));
        Assert.Equal("0.712", PerformanceText.Value("auc", 0.71234));
    }
}
