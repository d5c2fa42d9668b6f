using System.Text.Json;
using ScoreCockpit.Engine.Modeling;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling;

/// <summary>AUC and lift against the scikit-learn oracle (Evaluation/Oracles/metrics.json).</summary>
public sealed class ModelMetricsTests
{
    [Fact]
    public void Auc_and_lift_at_10_percent_match_the_oracle()
    {
        using var oracle = JsonDocument.Parse(File.ReadAllText(Evaluation.MetricOracle.SharedPath));
        var cases = 0;
        foreach (var item in oracle.RootElement.GetProperty("cases").EnumerateArray())
        {
            var name = item.GetProperty("name").GetString();
            var labels = item.GetProperty("label").EnumerateArray().Select(l => l.GetInt32() == 1).ToList();
            var scores = item.GetProperty("score").EnumerateArray().Select(s => s.GetDouble()).ToList();
            var expected = item.GetProperty("expected");

            AssertClose(Expected(expected, "auc"), ModelMetrics.Auc(scores, labels), name);
            foreach (var k in new[] { 1, 5, 10, 20 })
            {
                AssertClose(Expected(expected, $"lift_{k}"), ModelMetrics.Lift(scores, labels, k), $"{name} lift_{k}");
            }

            cases++;
        }

        Assert.True(cases > 10);
    }

    [Fact]
    public void Ties_count_half_and_one_class_has_no_auc()
    {
        Assert.Equal(0.5, ModelMetrics.Auc([0.5, 0.5, 0.5, 0.5], [true, false, true, false]));
        Assert.Equal(1.0, ModelMetrics.Auc([0.1, 0.9], [false, true]));
        Assert.Null(ModelMetrics.Auc([0.1, 0.9], [true, true]));
        Assert.Null(ModelMetrics.Lift([0.1, 0.9], [false, false], 10));
    }

    private static double? Expected(JsonElement expected, string metric) =>
        expected.TryGetProperty(metric, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static void AssertClose(double? expected, double? actual, string? what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: expected null, got {actual}");
            return;
        }

        Assert.True(actual is { } a && Math.Abs(a - expected.Value) < 1e-9, $"{what}: expected {expected}, got {actual}");
    }
}
