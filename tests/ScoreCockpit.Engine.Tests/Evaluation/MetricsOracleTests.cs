using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>Metrics.Compute against the scikit-learn vectors, to 1e-9.</summary>
public sealed class MetricsOracleTests
{
    public static TheoryData<string> ExtraCases() => [.. OracleNames(MetricOracle.Extra())];

    [Fact]
    public void Every_shared_oracle_case_matches()
    {
        var cases = MetricOracle.Shared();
        foreach (var oracle in cases)
        {
            MetricOracle.AssertMatches(oracle, Metrics.Compute(oracle.Scores, oracle.Labels));
        }

        Assert.True(cases.Count > 10, $"only {cases.Count} cases in the shared oracle");
    }

    [Theory]
    [MemberData(nameof(ExtraCases))]
    public void Generated_case_matches(string name)
    {
        var oracle = MetricOracle.Extra().Single(c => c.Name == name);
        MetricOracle.AssertMatches(oracle, Metrics.Compute(oracle.Scores, oracle.Labels, oracle.Cutoffs));
    }

    [Fact]
    public void The_generated_file_covers_the_awkward_shapes()
    {
        var cases = MetricOracle.Extra();
        Assert.Contains(cases, c => c.Labels.Length == 1);
        Assert.Contains(cases, c => c.Labels.All(l => l));
        Assert.Contains(cases, c => c.Labels.All(l => !l));
        Assert.Contains(cases, c => c.Labels.Length > 100 && c.Labels.Length % 100 != 0);
        Assert.Contains(cases, c => c.Scores.Distinct().Count() < c.Scores.Length / 10);
        Assert.All(cases, c => Assert.True(c.Expected.TryGetProperty("deciles", out _), c.Name));
    }

    [Fact]
    public void Default_cutoffs_are_1_5_10_20_and_one_class_gives_a_reason()
    {
        var result = Metrics.Compute([0.1, 0.4, 0.3], [false, false, false]);

        Assert.Equal([1m, 5m, 10m, 20m], result.Cutoffs.Select(c => c.Percent));
        Assert.Null(result.Auc);
        Assert.Contains("one class", result.UndefinedReason, StringComparison.Ordinal);
        Assert.Null(Metrics.Compute([0.1, 0.9], [false, true]).UndefinedReason);
    }

    private static IEnumerable<string> OracleNames(IReadOnlyList<OracleCase> cases) => cases.Select(c => c.Name);
}
