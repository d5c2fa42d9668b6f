using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>One oracle vector: labels, scores, the cut-offs it was computed for, and the expected values by key.</summary>
public sealed record OracleCase(string Name, bool[] Labels, double[] Scores, decimal[] Cutoffs, JsonElement Expected, JsonElement Case);

/// <summary>
/// The scikit-learn oracles, copied next to the tests so a clone alone passes them: metrics.json (the project's
/// reference values, with its conventions in the file) and extra_metric_cases.json, written by
/// Oracles/generate_metric_cases.py.
/// </summary>
public static class MetricOracle
{
    public const double Tolerance = 1e-9;

    public static IReadOnlyList<OracleCase> Shared() => Load(SharedPath);

    /// <summary>The scikit-learn reference vectors (AUC, lift, capture, KS, Brier…), as the tests' output holds them.</summary>
    public static string SharedPath => Path.Combine(AppContext.BaseDirectory, "Evaluation", "Oracles", "metrics.json");

    public static IReadOnlyList<OracleCase> Extra() =>
        Load(Path.Combine(AppContext.BaseDirectory, "Evaluation", "Oracles", "extra_metric_cases.json"));

    public static IReadOnlyList<OracleCase> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(item => new OracleCase(
            item.GetProperty("name").GetString()!,
            [.. item.GetProperty("label").EnumerateArray().Select(l => l.GetInt32() == 1)],
            [.. item.GetProperty("score").EnumerateArray().Select(s => s.GetDouble())],
            item.TryGetProperty("cutoffs", out var cutoffs) ? [.. cutoffs.EnumerateArray().Select(c => c.GetDecimal())] : [1m, 5m, 10m, 20m],
            item.GetProperty("expected").Clone(),
            item.Clone()))];
    }

    /// <summary>The cut-off part of a key: 1 → "1", 2.5 → "2.5", as the CLI and the generator write them.</summary>
    public static string CutName(decimal percent) => (percent / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static double? Number(JsonElement parent, string key) =>
        parent.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public static void AssertClose(double? expected, double? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: expected null, got {actual}");
            return;
        }

        Assert.True(
            actual is { } a && Math.Abs(a - expected.Value) <= Tolerance,
            $"{what}: expected {expected.Value.ToString("R", CultureInfo.InvariantCulture)}, got {actual?.ToString("R", CultureInfo.InvariantCulture) ?? "null"}");
    }

    /// <summary>Every key of the oracle's expected object that <see cref="MetricSet"/> carries, deciles included when present.</summary>
    public static void AssertMatches(OracleCase oracle, MetricSet actual)
    {
        var e = oracle.Expected;
        var name = oracle.Name;
        AssertClose(Number(e, "rows"), actual.Rows, $"{name} rows");
        AssertClose(Number(e, "positives"), actual.Positives, $"{name} positives");
        AssertClose(Number(e, "base_rate"), actual.BaseRate, $"{name} base_rate");
        AssertClose(Number(e, "auc"), actual.Auc, $"{name} auc");
        AssertClose(Number(e, "gini"), actual.Gini, $"{name} gini");
        AssertClose(Number(e, "ks"), actual.Ks, $"{name} ks");
        AssertClose(Number(e, "brier"), actual.Brier, $"{name} brier");
        AssertClose(Number(e, "log_loss"), actual.LogLoss, $"{name} log_loss");
        Assert.Equal(oracle.Cutoffs, actual.Cutoffs.Select(c => c.Percent));
        foreach (var cut in actual.Cutoffs)
        {
            AssertClose(Number(e, $"lift_{CutName(cut.Percent)}"), cut.Lift, $"{name} lift_{CutName(cut.Percent)}");
            AssertClose(Number(e, $"capture_{CutName(cut.Percent)}"), cut.Capture, $"{name} capture_{CutName(cut.Percent)}");
        }

        Assert.Equal(actual.Auc is null || actual.Cutoffs.Any(c => c.Lift is null), actual.UndefinedReason is not null);
        if (e.TryGetProperty("deciles", out var deciles))
        {
            foreach (var (row, expected) in actual.Deciles.Zip(deciles.EnumerateArray()))
            {
                var what = $"{name} decile {row.Decile}";
                Assert.Equal(expected.GetProperty("decile").GetInt32(), row.Decile);
                AssertClose(Number(expected, "rows"), row.Rows, $"{what} rows");
                AssertClose(Number(expected, "positives"), row.Positives, $"{what} positives");
                AssertClose(Number(expected, "response_rate"), row.ResponseRate, $"{what} response_rate");
                AssertClose(Number(expected, "cumulative_capture"), row.CumulativeCapture, $"{what} cumulative_capture");
                AssertClose(Number(expected, "lift"), row.Lift, $"{what} lift");
            }
        }
    }
}
