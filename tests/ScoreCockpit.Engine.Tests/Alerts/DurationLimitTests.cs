using ScoreCockpit.Engine.Alerts;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Alerts;

/// <summary>
/// The duration limit: the smaller of a fixed limit and the limit learnt from recent runs, the larger of 1.5 × their
/// nearest-rank 95th percentile and their median + 5 spreads (DurationLimitSimulationTests shows why on simulated runs).
/// </summary>
public sealed class DurationLimitTests
{
    private static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);

    private static List<TimeSpan> Minutes(params double[] minutes) => minutes.Select(Min).ToList();

    [Fact]
    public void Without_a_fixed_limit_or_enough_runs_there_is_no_limit()
    {
        Assert.Null(DurationLimit.Of(null, []));
        Assert.Null(DurationLimit.Of(null, Minutes(10, 11, 12, 13)));
        Assert.Null(DurationLimit.Of(TimeSpan.Zero, Minutes(10, 11, 12, 13)));
    }

    [Fact]
    public void A_fixed_limit_applies_alone_until_there_are_enough_runs()
    {
        Assert.Equal((Min(30), "the fixed limit of 30 min"), DurationLimit.Of(Min(30), Minutes(1, 2, 3, 4)));
    }

    [Fact]
    public void A_steady_scenario_gets_half_as_long_again_as_its_95th_percentile()
    {
        var runs = Enumerable.Repeat(Min(12), 20).ToList();

        Assert.Equal((Min(18), "the limit learnt from the last 20 runs (18 min: 1.5 × their 95th percentile of 12 min)"),
            DurationLimit.Of(Min(60), runs));
    }

    [Fact]
    public void A_widely_spread_scenario_gets_its_median_plus_five_spreads_when_that_is_larger()
    {
        // 1 to 20 minutes: median 10.5 min, median absolute deviation 5 min, × 1.4826 = 7.413 min per spread,
        // so 10.5 + 5 × 7.413 = 47.565 min (47 min 34 s), above 1.5 × 19 = 28.5 min.
        var runs = Enumerable.Range(1, 20).Select(m => Min(m)).Reverse().ToList();

        var learnt = "the limit learnt from the last 20 runs (47 min 34 s: their median of 10 min 30 s + 5 × their spread of 7 min 24 s)";
        Assert.Equal((TimeSpan.FromSeconds(2854), learnt), DurationLimit.Of(Min(60), runs));
        Assert.Equal((TimeSpan.FromSeconds(2854), learnt), DurationLimit.Of(null, runs));
        Assert.Equal((Min(30), "the fixed limit of 30 min"), DurationLimit.Of(Min(30), runs));
    }

    [Fact]
    public void The_fixed_limit_wins_when_it_is_smaller_and_on_a_tie()
    {
        // 95th percentile 50 min → 75 min; median 42 + 5 × 2 × 1.4826 ≈ 56.8 min is smaller.
        var runs = Minutes(40, 50, 45, 42, 41);

        Assert.Equal((Min(30), "the fixed limit of 30 min"), DurationLimit.Of(Min(30), runs));
        Assert.Equal((Min(75), "the fixed limit of 1 h 15 min"), DurationLimit.Of(Min(75), runs));
        Assert.Equal((Min(75), "the limit learnt from the last 5 runs (1 h 15 min: 1.5 × their 95th percentile of 50 min)"),
            DurationLimit.Of(Min(76), runs));
    }

    [Fact]
    public void Only_the_newest_twenty_runs_count()
    {
        // The five slow runs are older than the twenty newest and no longer say what is normal.
        var runs = Enumerable.Repeat(Min(10), 20).Concat(Enumerable.Repeat(Min(100), 5)).ToList();

        Assert.Equal(Min(15), DurationLimit.Of(null, runs)!.Value.Limit);
    }

    [Fact]
    public void The_minimum_number_of_runs_can_be_lowered()
    {
        Assert.Null(DurationLimit.Of(null, Minutes(8, 9, 7)));
        Assert.Equal(
            (TimeSpan.FromSeconds(925), "the limit learnt from the last 3 runs (15 min 25 s: their median of 8 min + 5 × their spread of 1 min 28 s)"),
            DurationLimit.Of(null, Minutes(8, 9, 7), minimumRuns: 3));
    }

    [Theory]
    [InlineData(new double[] { 5 }, 5)]
    [InlineData(new double[] { 3, 1, 2, 5 }, 2.5)]
    [InlineData(new double[] { 3, 1, 2, 5, 4 }, 3)]
    public void The_median_is_the_middle_duration_or_the_mean_of_the_two_middle_ones(double[] minutes, double expected)
    {
        Assert.Equal(Min(expected), DurationLimit.Median(Minutes(minutes)));
    }

    [Theory]
    [InlineData(new double[] { 5 }, 5)]
    [InlineData(new double[] { 3, 1, 2, 5, 4 }, 5)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 }, 20)]
    public void The_95th_percentile_is_an_observed_duration_at_the_nearest_rank(double[] minutes, double expected)
    {
        Assert.Equal(Min(expected), DurationLimit.Percentile95(Minutes(minutes)));
    }

    [Fact]
    public void One_hundred_runs_give_the_95th()
    {
        Assert.Equal(Min(95), DurationLimit.Percentile95(Enumerable.Range(1, 100).Select(m => Min(m)).ToList()));
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(0.4, "under 1 s")]
    [InlineData(42, "42 s")]
    [InlineData(720, "12 min")]
    [InlineData(252, "4 min 12 s")]
    [InlineData(3900, "1 h 5 min")]
    [InlineData(7200, "2 h")]
    [InlineData(183600, "2 d 3 h")]
    public void Durations_read_as_people_say_them(double seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
