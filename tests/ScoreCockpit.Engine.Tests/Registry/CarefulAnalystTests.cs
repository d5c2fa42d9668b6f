using ScoreCockpit.Engine.Registry;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

public sealed class CarefulAnalystTests
{
    private static readonly DateOnly On = new(2025, 6, 30);

    [Fact]
    public void The_first_version_goes_live() =>
        Assert.StartsWith("First version", CarefulAnalyst.Decide(null, new Candidate(1, new(2025, 8, 1), 0.71), On), StringComparison.Ordinal);

    [Theory]
    [InlineData(0.700, 0.719, 2, null)]
    [InlineData(0.700, 0.720, 2, "clearly better")]
    [InlineData(0.700, 0.700, 6, "6 months old")]
    [InlineData(0.700, 0.699, 6, null)]
    [InlineData(0.700, 0.710, 5, null)]
    public void A_new_version_replaces_the_active_one_only_when_clearly_better_or_as_good_and_the_active_is_old(
        double active, double candidate, int monthsLater, string? expected)
    {
        var asOf = new DateOnly(2025, 1, 1);
        var decision = CarefulAnalyst.Decide(new Candidate(3, asOf, active), new Candidate(9, asOf.AddMonths(monthsLater), candidate), On);
        if (expected is null)
        {
            Assert.Null(decision);
        }
        else
        {
            Assert.Contains(expected, decision, StringComparison.Ordinal);
            Assert.Contains("2025-06-30", decision, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_gain_inside_the_active_versions_interval_is_noise()
    {
        var asOf = new DateOnly(2025, 1, 1);
        Assert.Null(CarefulAnalyst.Decide(new Candidate(3, asOf, 0.70, 0.74), new Candidate(4, asOf.AddMonths(1), 0.73), On));
        Assert.NotNull(CarefulAnalyst.Decide(new Candidate(3, asOf, 0.70, 0.72), new Candidate(4, asOf.AddMonths(1), 0.73), On));
    }

    [Fact]
    public void A_version_without_auc_is_never_chosen() =>
        Assert.Null(CarefulAnalyst.Decide(null, new Candidate(1, On, null), On));
}
