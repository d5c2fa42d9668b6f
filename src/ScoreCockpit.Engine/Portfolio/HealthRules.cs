using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Engine.Portfolio;

/// <summary>How a score is doing, worst first when sorted: it orders the portfolio.</summary>
public enum HealthLevel
{
    Decaying,
    Watch,
    NoData,
    Healthy,
}

/// <summary>What the health of one score is judged on.</summary>
public sealed record HealthInputs(
    int? ActiveVersion, double? LatestAuc, double? FirstAuc, double? ScorePsi, ScoringStatus? LastRun, string? QualityStatus,
    DriftThresholds? Drift = null);

public sealed record HealthVerdict(HealthLevel Level, string Reason);

/// <summary>
/// The one place the portfolio's health rule lives, so the page, the Excel sheet and the docs agree:
/// no active version or no out-of-time evaluation → NoData; otherwise the worst of
/// AUC drop against the active version's first out-of-time AUC (≥ 0.03 Watch, ≥ 0.06 Decaying),
/// score PSI against the score's drift thresholds (warning → Watch, alert → Decaying),
/// a failed or interrupted last scoring run (Watch) and a data-quality ERROR (Watch).
/// </summary>
public static class HealthRules
{
    public const double AucDropWatch = 0.03;
    public const double AucDropDecaying = 0.06;

    public static HealthVerdict Assess(HealthInputs inputs)
    {
        if (inputs.ActiveVersion is not { } version)
        {
            return new(HealthLevel.NoData, "No active version yet: an Analyst activates one on the score's Versions tab.");
        }

        if (inputs.LatestAuc is not { } auc)
        {
            return new(HealthLevel.NoData, $"v{version} has no out-of-time evaluation yet.");
        }

        var findings = new List<(HealthLevel Level, string Reason)>();
        var drop = (inputs.FirstAuc ?? auc) - auc;
        // A tiny epsilon keeps 0.03 exactly (after rounding of stored doubles) on the Watch side.
        if (drop >= AucDropDecaying - 1e-9)
        {
            findings.Add((HealthLevel.Decaying, $"AUC down {drop:0.000} since v{version}'s first out-of-time evaluation."));
        }
        else if (drop >= AucDropWatch - 1e-9)
        {
            findings.Add((HealthLevel.Watch, $"AUC down {drop:0.000} since v{version}'s first out-of-time evaluation."));
        }

        var drift = inputs.Drift ?? new DriftThresholds();
        if (inputs.ScorePsi is { } psi && psi >= drift.Alert)
        {
            findings.Add((HealthLevel.Decaying, $"Score PSI {psi:0.00} at or above the alert level {drift.Alert:0.00}."));
        }
        else if (inputs.ScorePsi is { } watched && watched >= drift.Warning)
        {
            findings.Add((HealthLevel.Watch, $"Score PSI {watched:0.00} at or above the warning level {drift.Warning:0.00}."));
        }

        if (inputs.LastRun is ScoringStatus.Failed or ScoringStatus.Interrupted)
        {
            findings.Add((HealthLevel.Watch, $"The last scoring run {inputs.LastRun.Value.ToString().ToLowerInvariant()}."));
        }

        if (string.Equals(inputs.QualityStatus, "ERROR", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add((HealthLevel.Watch, "A data-quality check is in error."));
        }

        if (findings.Count == 0)
        {
            return new(HealthLevel.Healthy, $"AUC {auc:0.000} holds within {AucDropWatch:0.00} of its first out-of-time value.");
        }

        var worst = findings.Min(f => f.Level);
        return new(worst, string.Join(" ", findings.Where(f => f.Level == worst).Select(f => f.Reason)));
    }
}
