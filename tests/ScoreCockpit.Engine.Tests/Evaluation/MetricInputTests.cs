using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

public sealed class MetricInputTests
{
    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void A_score_that_is_not_finite_is_refused_naming_its_row(double score, string shown)
    {
        var error = Assert.Throws<MetricInputException>(() => Metrics.Compute([0.1, 0.2, score], [true, false, true]));

        Assert.Equal(3, error.Row);
        Assert.Contains("Row 3", error.Message, StringComparison.Ordinal);
        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.Throws<MetricInputException>(() => DeLong.Interval([0.1, 0.2, score], [true, false, true]));
    }

    [Fact]
    public void No_rows_are_refused()
    {
        var error = Assert.Throws<MetricInputException>(() => Metrics.Compute([], []));
        Assert.Contains("no rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_and_labels_of_different_lengths_are_refused()
    {
        var error = Assert.Throws<MetricInputException>(() => Metrics.Compute([0.1, 0.2], [true]));
        Assert.Contains("2 scores but 1 labels", error.Message, StringComparison.Ordinal);
        Assert.Throws<MetricInputException>(() => DeLong.Difference([0.1, 0.2], [0.1], [true, false]));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("100.01")]
    [InlineData("250")]
    public void A_cutoff_outside_0_to_100_is_refused(string cutoff)
    {
        var error = Assert.Throws<MetricInputException>(
            () => Metrics.Compute([0.1, 0.2], [true, false], [decimal.Parse(cutoff, System.Globalization.CultureInfo.InvariantCulture)]));
        Assert.Contains($"{cutoff} %", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cutoff_of_100_and_a_tiny_one_are_accepted()
    {
        var result = Metrics.Compute([0.1, 0.2], [true, false], [100m, 0.001m]);
        Assert.Equal(1, result.Cutoffs[0].Lift);
        Assert.Equal(0, result.Cutoffs[1].Lift);
    }
}
