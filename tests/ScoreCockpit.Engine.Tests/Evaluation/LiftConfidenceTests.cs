using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

public sealed class LiftConfidenceTests
{
    private static (double[] Scores, bool[] Labels) Sample(int n, int seed)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.2).ToArray();
        return ([.. labels.Select(l => Math.Round(random.NextDouble() + (l ? 0.5 : 0), 2))], labels);
    }

    [Fact]
    public void The_point_is_the_metric_lift_and_lies_inside_its_interval()
    {
        var (scores, labels) = Sample(2000, 1);
        var interval = LiftConfidence.Interval(scores, labels, 10m)!;

        MetricOracle.AssertClose(Metrics.Compute(scores, labels, [10m]).Cutoffs[0].Lift, interval.Lift, "lift");
        Assert.Equal(10m, interval.Percent);
        Assert.True(interval.Lower < interval.Lift && interval.Lift < interval.Upper, interval.ToString());
    }

    [Fact]
    public void Every_cut_off_from_one_pass_equals_its_interval_computed_alone()
    {
        var (scores, labels) = Sample(3000, 4);
        decimal[] percents = [1m, 5m, 10m, 20m];

        var together = LiftConfidence.Intervals(scores, labels, percents, resamples: 200);

        Assert.Equal(percents.Select(p => LiftConfidence.Interval(scores, labels, p, resamples: 200)), together);
        Assert.All(together, i => Assert.True(i!.Lower <= i.Lift && i.Lift <= i.Upper, i.ToString()));
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_more_rows_a_narrower_one()
    {
        var (scores, labels) = Sample(1000, 2);
        var first = LiftConfidence.Interval(scores, labels, 5m, seed: 3);
        var again = LiftConfidence.Interval(scores, labels, 5m, seed: 3);
        var (moreScores, moreLabels) = Sample(16000, 2);
        var wide = LiftConfidence.Interval(scores, labels, 5m, resamples: 300)!;
        var narrow = LiftConfidence.Interval(moreScores, moreLabels, 5m, resamples: 300)!;

        Assert.Equal(first, again);
        Assert.True(narrow.Upper - narrow.Lower < (wide.Upper - wide.Lower) / 2, $"{wide} vs {narrow}");
    }

    [Fact]
    public void Lift_at_100_percent_is_exactly_one_in_every_resample()
    {
        var (scores, labels) = Sample(300, 4);
        var interval = LiftConfidence.Interval(scores, labels, 100m, resamples: 50)!;

        MetricOracle.AssertClose(1, interval.Lower, "lower");
        MetricOracle.AssertClose(1, interval.Upper, "upper");
    }

    [Fact]
    public void No_positives_no_interval_and_bad_arguments_are_refused()
    {
        Assert.Null(LiftConfidence.Interval([0.1, 0.2], [false, false], 10m));
        Assert.Throws<MetricInputException>(() => LiftConfidence.Interval([0.1, 0.2], [true, false], 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => LiftConfidence.Interval([0.1, 0.2], [true, false], 10m, resamples: 0));
    }
}
