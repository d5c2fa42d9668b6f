using System.Globalization;
using ScoreCockpit.Engine.Scoring;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scoring;

/// <summary>The ranking over a run's compact store is the ranking over its lists: highest score first, ties by ordinal key.</summary>
public sealed class ScoreDistributionTests
{
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    [InlineData(true, 4)]
    public void Order_over_the_compact_store_ranks_as_over_the_lists(bool textKeys, int seed)
    {
        var random = new Random(seed);
        // Few distinct scores and many repeated keys: most of the order is decided by the keys, some by nothing.
        double[] levels = [0, 0.1, 0.25, 0.5, 0.9, 1, double.NaN];
        var scores = Enumerable.Range(0, 5_000).Select(_ => levels[random.Next(levels.Length)]).ToList();
        var keys = scores.Select(_ => textKeys
            ? ScoredCustomersTests.RandomText(random, 4)
            : random.Next(-300, 300).ToString(CultureInfo.InvariantCulture)).ToList();
        var customers = new ScoredCustomers(chunkLength: 64);
        for (var i = 0; i < scores.Count; i++)
        {
            customers.Add(keys[i], scores[i]);
        }

        var expected = ScoreDistribution.Order(scores, keys);
        var actual = ScoreDistribution.Order(customers);

        Assert.Equal(textKeys, customers.HoldsText);
        // Rows equal in score and key may come in either order: compare what each rank holds.
        Assert.Equal(expected.Select(i => (scores[i], keys[i])), actual.Select(i => (scores[i], keys[i])));
        Assert.Equal(Enumerable.Range(0, scores.Count), actual.Order());
        Assert.Equal(ScoreDistribution.DecileCuts(scores, expected), ScoreDistribution.DecileCuts(customers.Scores, actual));
        Assert.Equal(ScoreDistribution.Histogram(scores), ScoreDistribution.Histogram(customers.Scores));
    }

    [Fact]
    public void Ties_rank_integer_keys_as_text_and_an_empty_store_has_no_order()
    {
        var customers = new ScoredCustomers();
        foreach (var key in new[] { "9", "10", "-1", "100", "2" })
        {
            customers.Add(key, 0.5);
        }

        customers.Add("7", 0.75);

        string[] expected = ["7", "-1", "10", "100", "2", "9"];
        Assert.Equal(expected, ScoreDistribution.Order(customers).Select(customers.KeyText));
        Assert.Empty(ScoreDistribution.Order(new ScoredCustomers()));
    }
}
