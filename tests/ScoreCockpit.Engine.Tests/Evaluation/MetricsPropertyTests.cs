using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>Random inputs with heavy ties against the brute-force references; seeds are fixed so a failure repeats.</summary>
public sealed class MetricsPropertyTests
{
    private static readonly decimal[] Cuts = [1m, 12.5m, 30m, 50m, 99m, 100m];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Tiny_inputs_match_every_tie_breaking(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 60; trial++)
        {
            var (scores, labels) = Draw(random, random.Next(1, 8), distinct: random.Next(1, 4));
            var result = Metrics.Compute(scores, labels, Cuts);
            var positives = labels.Count(l => l);

            MetricOracle.AssertClose(BruteForce.Auc(scores, labels), result.Auc, $"trial {trial} auc");
            foreach (var cut in result.Cutoffs)
            {
                var take = (double)cut.Percent / 100 * scores.Length;
                var caught = BruteForce.PositivesInTop(scores, labels, take);
                MetricOracle.AssertClose(positives == 0 ? null : caught / positives, cut.Capture, $"trial {trial} capture {cut.Percent}");
                MetricOracle.AssertClose(
                    positives == 0 ? null : caught / take / ((double)positives / scores.Length), cut.Lift, $"trial {trial} lift {cut.Percent}");
            }

            for (var d = 1; d <= 10; d++)
            {
                var caught = BruteForce.PositivesInTop(scores, labels, d / 10.0 * scores.Length);
                var before = BruteForce.PositivesInTop(scores, labels, (d - 1) / 10.0 * scores.Length);
                MetricOracle.AssertClose(caught - before, result.Deciles[d - 1].Positives, $"trial {trial} decile {d}");
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Larger_inputs_match_pair_counting_and_thresholds(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 25; trial++)
        {
            var (scores, labels) = Draw(random, random.Next(2, 400), distinct: random.Next(2, 60));
            var result = Metrics.Compute(scores, labels);
            var twoClasses = labels.Distinct().Count() == 2;

            MetricOracle.AssertClose(BruteForce.Auc(scores, labels), result.Auc, $"trial {trial} auc");
            MetricOracle.AssertClose(twoClasses ? BruteForce.Ks(scores, labels) : null, result.Ks, $"trial {trial} ks");
            MetricOracle.AssertClose(twoClasses ? (2 * result.Auc) - 1 : null, result.Gini, $"trial {trial} gini");
        }
    }

    [Fact]
    public void Deciles_add_up_and_agree_with_capture()
    {
        var random = new Random(7);
        foreach (var n in new[] { 3, 10, 333, 1001 })
        {
            var (scores, labels) = Draw(random, n, distinct: n / 3 + 1);
            if (!labels.Contains(true))
            {
                labels[0] = true;
            }

            var result = Metrics.Compute(scores, labels, [10m, 30m, 100m]);
            MetricOracle.AssertClose(n, result.Deciles.Sum(d => d.Rows), $"n={n} rows");
            MetricOracle.AssertClose(result.Positives, result.Deciles.Sum(d => d.Positives), $"n={n} positives");
            MetricOracle.AssertClose(result.Cutoffs[0].Capture, result.Deciles[0].CumulativeCapture, $"n={n} decile 1");
            MetricOracle.AssertClose(result.Cutoffs[1].Capture, result.Deciles[2].CumulativeCapture, $"n={n} decile 3");
            MetricOracle.AssertClose(1, result.Deciles[9].CumulativeCapture, $"n={n} decile 10");
            MetricOracle.AssertClose(result.Cutoffs[0].Lift, result.Deciles[0].Lift, $"n={n} decile 1 lift");
        }
    }

    [Fact]
    public void Scores_are_ranked_not_calibrated_except_by_brier_and_log_loss()
    {
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.8, 0.2];
        bool[] labels = [false, true, false, true, false, false];
        var plain = Metrics.Compute(scores, labels);
        var shifted = Metrics.Compute([.. scores.Select(s => (s * 100) - 7)], labels);

        Assert.Equal(plain.Auc, shifted.Auc);
        Assert.Equal(plain.Ks, shifted.Ks);
        Assert.Equal(plain.Cutoffs, shifted.Cutoffs);
        Assert.NotEqual(plain.Brier, shifted.Brier);
    }

    private static (double[] Scores, bool[] Labels) Draw(Random random, int n, int distinct)
    {
        var rate = random.NextDouble();
        var labels = new bool[n];
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < rate;
            // A score loosely tied to the label, on a coarse grid so ties are common.
            var raw = (random.NextDouble() + (labels[i] ? 0.4 : 0)) / 1.4;
            scores[i] = Math.Floor(raw * distinct) / distinct;
        }

        return (scores, labels);
    }
}
