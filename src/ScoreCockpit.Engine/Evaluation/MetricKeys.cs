using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// Metric names as the command line prints them (auc, gini, ks, lift_10, capture_5, brier, log_loss, base_rate),
/// so a chart, a check and a JSON file speak of the same figure the same way.
/// </summary>
public static class MetricKeys
{
    public static readonly IReadOnlyList<string> Plain = ["auc", "gini", "ks", "brier", "log_loss", "base_rate"];

    public static string Lift(decimal percent) => $"lift_{percent.ToString("0.##", CultureInfo.InvariantCulture)}";

    public static string Capture(decimal percent) => $"capture_{percent.ToString("0.##", CultureInfo.InvariantCulture)}";

    /// <summary>Every key a score's evaluations carry, its cut-offs included.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<decimal> cutoffs) =>
        [.. Plain.Take(3), .. cutoffs.Select(Lift), .. cutoffs.Select(Capture), .. Plain.Skip(3)];

    /// <summary>The value of <paramref name="key"/> in a stored evaluation; null when undefined or failed.</summary>
    public static double? Value(VersionEvaluation evaluation, string key) => key switch
    {
        "auc" => evaluation.Auc,
        "gini" => evaluation.Gini,
        "ks" => evaluation.Ks,
        "brier" => evaluation.Brier,
        "log_loss" => evaluation.LogLoss,
        "base_rate" => evaluation.BaseRate,
        _ when key.StartsWith("lift_", StringComparison.Ordinal) => Cutoff(evaluation, key, 5)?.Lift,
        _ when key.StartsWith("capture_", StringComparison.Ordinal) => Cutoff(evaluation, key, 8)?.Capture,
        _ => throw Unknown(key),
    };

    public static IReadOnlyList<CutoffMetric> Cutoffs(VersionEvaluation evaluation) =>
        JsonSerializer.Deserialize<List<CutoffMetric>>(evaluation.CutoffsJson, ScoreDefinitionJson.Options) ?? [];

    public static IReadOnlyList<DecileRow> Deciles(VersionEvaluation evaluation) =>
        JsonSerializer.Deserialize<List<DecileRow>>(evaluation.DecilesJson, ScoreDefinitionJson.Options) ?? [];

    private static CutoffMetric? Cutoff(VersionEvaluation evaluation, string key, int prefix)
    {
        if (!decimal.TryParse(key.AsSpan(prefix), NumberStyles.Number, CultureInfo.InvariantCulture, out var percent))
        {
            throw Unknown(key);
        }

        return Cutoffs(evaluation).FirstOrDefault(c => c.Percent == percent);
    }

    private static CockpitValidationException Unknown(string key) => new(
        $"There is no metric '{key}'. Metrics: {string.Join(", ", Plain)}, and lift_K or capture_K at a cut-off K of the score (lift_10).");
}
