using ScoreCockpit.Engine.Quality;

namespace ScoreCockpit.Web.Components.Pages.Scores.Operations;

/// <summary>What the score's "Data and runs" tab shows first.</summary>
public static class OperationsData
{
    /// <summary>Each check's latest outcome, the worst first.</summary>
    public static IReadOnlyList<CheckResult> Latest(IReadOnlyList<CheckResult> history) =>
        history.GroupBy(c => c.CheckName, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.ReferenceDate).ThenByDescending(c => c.CheckedAt).First())
            .OrderByDescending(c => c.Status).ThenBy(c => c.CheckName, StringComparer.Ordinal)
            .ToList();

    /// <summary>The metric to chart first: the row count if there is one (volumetry), else the first checked metric, else the first.</summary>
    public static string? Volumetry(IReadOnlyList<string> metrics, IReadOnlyList<CheckResult> checks) =>
        metrics.FirstOrDefault(m => m == "row_count")
        ?? metrics.FirstOrDefault(m => checks.Any(c => c.MetricName == m))
        ?? (metrics.Count > 0 ? metrics[0] : null);
}
