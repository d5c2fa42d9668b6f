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
/// The one place the health rule lives; every surface (Overview, portfolio workbook, score report, score page, CLI)
/// reads the verdict that <see cref="PortfolioQuery"/> computes with it from one set of facts:
/// no active version or no forward evaluation → NoData; otherwise the worst of
/// AUC drop against the active version's first forward AUC (≥ 0.03 Watch, ≥ 0.06 Decaying),
/// score PSI against the score's drift thresholds (warning → Watch, alert → Decaying),
/// a failed or interrupted last scoring run (Watch) and a data-quality ERROR (Watch).
/// </summary>
public static class HealthRules
{
    public const double AucDropWatch = 0.03;
    public const double AucDropDecaying = 0.06;

    /// <summary>The rule in a sentence, for the reports' "how to read".</summary>
    public static string Rule { get; } = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"the active version's latest forward AUC (a date after its validation date, with enough rows and positives) against its first: " +
        $"a drop of {AucDropWatch:0.00} or more is Watch, {AucDropDecaying:0.00} or more Decaying; a score PSI at the score's warning or alert level, " +
        $"a failed last scoring run or a data-quality ERROR also count. No active version or no forward evaluation yet: No data.");

    /// <summary>Healthy, Watch, Decaying or No data: the one word of every surface.</summary>
    public static string Word(HealthLevel level) => level == HealthLevel.NoData ? "No data" : level.ToString();

    public static HealthVerdict Assess(HealthInputs inputs)
    {
        if (inputs.ActiveVersion is not { } version)
        {
            return new(HealthLevel.NoData, "No active version yet: an Analyst activates one on the score's Versions tab.");
        }

        if (inputs.LatestAuc is not { } auc)
        {
            return new(HealthLevel.NoData, $"v{version} has no forward evaluation yet (a labelled date after its validation date, with enough rows and positives).");
        }

        var findings = new List<(HealthLevel Level, string Reason)>();
        var drop = (inputs.FirstAuc ?? auc) - auc;
        // A tiny epsilon keeps 0.03 exactly (after rounding of stored doubles) on the Watch side.
        if (drop >= AucDropDecaying - 1e-9)
        {
            findings.Add((HealthLevel.Decaying, $"AUC {auc:0.000} against {inputs.FirstAuc:0.000} at v{version}'s first forward evaluation: down {drop:0.000}."));
        }
        else if (drop >= AucDropWatch - 1e-9)
        {
            findings.Add((HealthLevel.Watch, $"AUC {auc:0.000} against {inputs.FirstAuc:0.000} at v{version}'s first forward evaluation: down {drop:0.000}."));
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
            return new(HealthLevel.Healthy, $"AUC {auc:0.000} holds within {AucDropWatch:0.00} of its first forward value ({inputs.FirstAuc ?? auc:0.000}).");
        }

        var worst = findings.Min(f => f.Level);
        return new(worst, string.Join(" ", findings.Where(f => f.Level == worst).Select(f => f.Reason)));
    }
}
