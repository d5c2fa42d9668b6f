using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>
/// The bootstrap folds only the top rows of each resample; these tests hold it to the plain definition, written
/// here: count every draw per tie group, build the groups, ask each cut-off. Same seed, so the same draws, so the
/// same lifts to the last bit.
/// </summary>
public sealed class ResamplerTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 3)]
    [InlineData(300, 4)]
    [InlineData(3000, 5)]
    public void Every_resample_gives_the_lifts_of_its_tie_groups(int n, int seed)
    {
        var random = new Random(seed);
        // Few distinct scores, so tie groups are large and cut-offs fall inside them.
        var labels = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.3).ToArray();
        var scores = labels.Select(l => Math.Round(random.NextDouble() + (l ? 0.4 : 0), 1)).ToArray();
        decimal[] percents = [20m, 1m, 100m, 5m, 0.001m, 10m, 10m];
        var ranked = RankedRows.Of(scores, labels);
        var resampler = new Resampler(ranked, percents);
        var (fast, plain) = (new BootstrapRandom(seed), new BootstrapRandom(seed));
        var lifts = new double?[percents.Length];

        for (var r = 0; r < 50; r++)
        {
            resampler.Draw(ref fast, lifts);

            Assert.Equal(Plain(ranked, percents, ref plain), lifts);
        }
    }

    [Fact]
    public void Intervals_through_the_shared_sort_equal_those_computed_from_the_scores()
    {
        var random = new Random(9);
        var labels = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() < 0.1).ToArray();
        var scores = labels.Select(l => Math.Round(random.NextDouble() + (l ? 0.3 : 0), 3)).ToArray();
        decimal[] percents = [1m, 5m, 10m, 20m];

        var shared = LiftConfidence.Intervals(RankedRows.Of(scores, labels), percents, 0.95, 100, 42);

        Assert.Equal(LiftConfidence.Intervals(scores, labels, percents, resamples: 100), shared);
        Assert.All(shared, i => Assert.True(i!.Lower <= i.Lift && i.Lift <= i.Upper, i.ToString()));
    }

    private static double?[] Plain(RankedRows ranked, decimal[] percents, ref BootstrapRandom random)
    {
        var n = ranked.Keys.Length;
        var groupOf = new int[n];
        for (int i = n - 1, group = -1; i >= 0; i--)
        {
            group += i == n - 1 || ranked.Keys[i] != ranked.Keys[i + 1] ? 1 : 0;
            groupOf[i] = group;
        }

        var rows = new long[groupOf[0] + 1];
        var positives = new long[rows.Length];
        for (var i = 0; i < n; i++)
        {
            var row = random.NextIndex(n);
            rows[groupOf[row]]++;
            positives[groupOf[row]] += ranked.Labels[row] ? 1 : 0;
        }

        var groups = TieGroups.FromCounts(rows, positives);
        return [.. percents.Select(p => LiftConfidence.Lift(groups, p))];
    }
}
