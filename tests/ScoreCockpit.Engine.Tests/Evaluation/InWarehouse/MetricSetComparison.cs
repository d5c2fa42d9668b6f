using System.Globalization;
using ScoreCockpit.Engine.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation.InWarehouse;

/// <summary>Two metric sets equal to a tolerance: counts and reasons exactly, every figure within it (null where the other is null).</summary>
public static class MetricSetComparison
{
    public const double Tolerance = 1e-9;

    /// <summary>Asserts equality and returns the largest difference found, for the record.</summary>
    public static double AssertEqual(MetricSet expected, MetricSet actual, string what)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Positives, actual.Positives);
        Assert.Equal(expected.UndefinedReason, actual.UndefinedReason);
        var largest = 0.0;
        void Close(double? e, double? a, string name)
        {
            Assert.True(e.HasValue == a.HasValue, $"{what} {name}: expected {Show(e)}, got {Show(a)}");
            if (e is { } x && a is { } y)
            {
                var difference = Math.Abs(x - y);
                Assert.True(difference <= Tolerance, $"{what} {name}: expected {Show(e)}, got {Show(a)}");
                largest = Math.Max(largest, difference);
            }
        }

        Close(expected.BaseRate, actual.BaseRate, "base rate");
        Close(expected.Auc, actual.Auc, "AUC");
        Close(expected.Gini, actual.Gini, "Gini");
        Close(expected.Ks, actual.Ks, "KS");
        Close(expected.Brier, actual.Brier, "Brier");
        Close(expected.LogLoss, actual.LogLoss, "log-loss");
        Assert.Equal(expected.Cutoffs.Select(c => c.Percent), actual.Cutoffs.Select(c => c.Percent));
        foreach (var (e, a) in expected.Cutoffs.Zip(actual.Cutoffs))
        {
            Close(e.Lift, a.Lift, $"lift {e.Percent}");
            Close(e.Capture, a.Capture, $"capture {e.Percent}");
        }

        Assert.Equal(10, actual.Deciles.Count);
        foreach (var (e, a) in expected.Deciles.Zip(actual.Deciles))
        {
            Assert.Equal(e.Decile, a.Decile);
            Close(e.Rows, a.Rows, $"decile {e.Decile} rows");
            Close(e.Positives, a.Positives, $"decile {e.Decile} positives");
            Close(e.ResponseRate, a.ResponseRate, $"decile {e.Decile} response rate");
            Close(e.CumulativeCapture, a.CumulativeCapture, $"decile {e.Decile} capture");
            Close(e.Lift, a.Lift, $"decile {e.Decile} lift");
        }

        return largest;
    }

    private static string Show(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";
}
