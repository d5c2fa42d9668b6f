using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>The fast DeLong variance against the O(positives × negatives) kernel, in Python (generated cases) and here.</summary>
public sealed class DeLongTests
{
    private const double NormalCritical95 = 1.959963984540054;

    [Fact]
    public void Variance_matches_the_generated_pairwise_computation()
    {
        var checkedCases = 0;
        foreach (var oracle in MetricOracle.Extra().Where(c => MetricOracle.Number(c.Expected, "delong_variance") is not null))
        {
            var interval = DeLong.Interval(oracle.Scores, oracle.Labels)!;
            var variance = MetricOracle.Number(oracle.Expected, "delong_variance")!.Value;
            MetricOracle.AssertClose(MetricOracle.Number(oracle.Expected, "auc"), interval.Auc, $"{oracle.Name} auc");
            MetricOracle.AssertClose(Math.Sqrt(variance), interval.StandardError, $"{oracle.Name} se");
            MetricOracle.AssertClose(Math.Max(0, interval.Auc - (NormalCritical95 * interval.StandardError)), interval.Lower, $"{oracle.Name} lower");
            MetricOracle.AssertClose(Math.Min(1, interval.Auc + (NormalCritical95 * interval.StandardError)), interval.Upper, $"{oracle.Name} upper");
            checkedCases++;
        }

        Assert.True(checkedCases >= 8, $"{checkedCases} cases carry a DeLong variance");
    }

    [Fact]
    public void Difference_matches_the_generated_pairwise_computation()
    {
        var checkedCases = 0;
        foreach (var oracle in MetricOracle.Extra().Where(c => c.Case.TryGetProperty("score_b", out _)))
        {
            double[] other = [.. oracle.Case.GetProperty("score_b").EnumerateArray().Select(s => s.GetDouble())];
            var expected = oracle.Case.GetProperty("expected_pair");
            var difference = DeLong.Difference(oracle.Scores, other, oracle.Labels)!;
            MetricOracle.AssertClose(MetricOracle.Number(expected, "difference"), difference.Difference, $"{oracle.Name} difference");
            MetricOracle.AssertClose(Math.Sqrt(MetricOracle.Number(expected, "variance")!.Value), difference.StandardError, $"{oracle.Name} se");
            checkedCases++;
        }

        Assert.True(checkedCases >= 5, $"{checkedCases} cases carry a second model");
    }

    [Fact]
    public void Variance_matches_a_pairwise_kernel_on_random_tied_data()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = random.Next(4, 300);
            var labels = Enumerable.Range(0, n).Select(i => i < 2 || (i >= 4 && random.NextDouble() < 0.3)).ToArray();
            labels[2] = labels[3] = false;
            double[] scores = [.. labels.Select(l => Math.Round(random.NextDouble() + (l ? 0.3 : 0), 1))];

            var interval = DeLong.Interval(scores, labels, 0.9)!;
            var (auc, variance) = PairwiseVariance(scores, labels);
            MetricOracle.AssertClose(auc, interval.Auc, $"trial {trial} auc");
            MetricOracle.AssertClose(Math.Sqrt(variance), interval.StandardError, $"trial {trial} se");
            Assert.True(interval.Lower <= interval.Auc && interval.Auc <= interval.Upper);
        }
    }

    [Fact]
    public void A_model_against_itself_differs_by_nothing()
    {
        double[] scores = [0.1, 0.4, 0.4, 0.7, 0.9, 0.2, 0.55];
        bool[] labels = [false, true, false, true, true, false, false];
        var difference = DeLong.Difference(scores, scores, labels)!;

        Assert.Equal(new AucDifference(0, 0, 0, 0, 1), difference);
    }

    [Fact]
    public void A_better_model_on_many_rows_differs_significantly_and_the_sign_follows_the_order()
    {
        var random = new Random(9);
        var labels = Enumerable.Range(0, 4000).Select(_ => random.NextDouble() < 0.3).ToArray();
        double[] strong = [.. labels.Select(l => random.NextDouble() + (l ? 0.8 : 0))];
        double[] weak = [.. labels.Select(l => random.NextDouble() + (l ? 0.1 : 0))];

        var ab = DeLong.Difference(strong, weak, labels)!;
        var ba = DeLong.Difference(weak, strong, labels)!;

        Assert.True(ab.Difference > 0.2 && ab.PValue < 1e-6 && ab.Lower > 0, ab.ToString());
        MetricOracle.AssertClose(-ab.Difference, ba.Difference, "reversed difference");
        MetricOracle.AssertClose(ab.PValue, ba.PValue, "reversed p");
    }

    [Fact]
    public void One_class_has_no_interval_and_the_level_widens_it()
    {
        Assert.Null(DeLong.Interval([0.1, 0.5], [true, true]));
        Assert.Null(DeLong.Difference([0.1, 0.5], [0.2, 0.3], [false, false]));

        double[] scores = [0.1, 0.3, 0.35, 0.4, 0.8, 0.6, 0.5, 0.2];
        bool[] labels = [false, false, true, false, true, true, false, true];
        var narrow = DeLong.Interval(scores, labels, 0.8)!;
        var wide = DeLong.Interval(scores, labels, 0.99)!;
        Assert.True(wide.Upper - wide.Lower > narrow.Upper - narrow.Lower);
        Assert.Throws<ArgumentOutOfRangeException>(() => DeLong.Interval(scores, labels, 1));
    }

    private static (double Auc, double Variance) PairwiseVariance(double[] scores, bool[] labels)
    {
        var positives = scores.Where((_, i) => labels[i]).ToArray();
        var negatives = scores.Where((_, i) => !labels[i]).ToArray();
        static double Psi(double x, double y) => x > y ? 1 : x == y ? 0.5 : 0;
        var v10 = positives.Select(x => negatives.Average(y => Psi(x, y))).ToArray();
        var v01 = negatives.Select(y => positives.Average(x => Psi(x, y))).ToArray();
        var auc = v10.Average();
        static double SampleVariance(double[] v) => v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Length - 1);
        return (auc, (SampleVariance(v10) / v10.Length) + (SampleVariance(v01) / v01.Length));
    }
}
