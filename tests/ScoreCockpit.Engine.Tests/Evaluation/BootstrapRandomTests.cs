using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

public sealed class BootstrapRandomTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    [InlineData(int.MaxValue)]
    public void Every_index_is_below_n_and_the_same_seed_repeats_them(int n)
    {
        var (first, again, other) = (new BootstrapRandom(42), new BootstrapRandom(42), new BootstrapRandom(43));
        var (a, b, c) = (new int[1000], new int[1000], new int[1000]);
        for (var i = 0; i < a.Length; i++)
        {
            (a[i], b[i], c[i]) = (first.NextIndex(n), again.NextIndex(n), other.NextIndex(n));
        }

        Assert.All(a, x => Assert.InRange(x, 0, n - 1));
        Assert.Equal(a, b);
        Assert.True(n == 1 || !a.SequenceEqual(c), "another seed gives other draws");
    }

    [Fact]
    public void Draws_are_uniform()
    {
        // Ten bins of 100,000 draws each expected: a chi-square above 27.9 (p = 0.001, 9 degrees of freedom) fails.
        var random = new BootstrapRandom(7);
        var counts = new double[10];
        for (var i = 0; i < 1_000_000; i++)
        {
            counts[random.NextIndex(10)]++;
        }

        var chiSquare = counts.Sum(c => (c - 100_000) * (c - 100_000) / 100_000);
        Assert.True(chiSquare < 27.9, $"chi-square {chiSquare}");
    }
}
