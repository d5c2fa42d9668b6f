using System.Globalization;
using System.Resources;
using ScoreCockpit.Engine.Localization;
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

/// <summary>One reason behind a verdict, kept as a text key and its figures so each reader gets it in their language.</summary>
public sealed record HealthFinding(string Key, params object[] Args);

public sealed record HealthVerdict(HealthLevel Level, IReadOnlyList<HealthFinding> Findings)
{
    /// <summary>The reasons in English, for the CLI and the logs.</summary>
    public string Reason => HealthRules.Explain(Findings, SupportedCultures.English);

    public string ReasonIn(CultureInfo culture) => HealthRules.Explain(Findings, culture);
}

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

    private static readonly ResourceManager Resources = new(typeof(HealthText));

    /// <summary>The rule in a sentence, for the reports' "how to read".</summary>
    public static string Rule { get; } = RuleIn(SupportedCultures.English);

    public static string RuleIn(CultureInfo culture) => new Texts(Resources, culture).Format("Rule", AucDropWatch, AucDropDecaying);

    /// <summary>Healthy, Watch, Decaying or No data: the one word of every surface.</summary>
    public static string Word(HealthLevel level) => WordIn(level, SupportedCultures.English);

    public static string WordIn(HealthLevel level, CultureInfo culture) => new Texts(Resources, culture)["Word" + level];

    /// <summary>The reasons of a verdict in one language, one sentence each.</summary>
    public static string Explain(IReadOnlyList<HealthFinding> findings, CultureInfo culture)
    {
        var texts = new Texts(Resources, culture);
        return string.Join(" ", findings.Select(f => texts.Format(f.Key, f.Args)));
    }

    public static HealthVerdict Assess(HealthInputs inputs)
    {
        if (inputs.ActiveVersion is not { } version)
        {
            return new(HealthLevel.NoData, [new("NoActiveVersion")]);
        }

        if (inputs.LatestAuc is not { } auc)
        {
            return new(HealthLevel.NoData, [new("NoForwardEvaluation", version)]);
        }

        var findings = new List<(HealthLevel Level, HealthFinding Reason)>();
        var drop = (inputs.FirstAuc ?? auc) - auc;
        // A tiny epsilon keeps 0.03 exactly (after rounding of stored doubles) on the Watch side.
        if (drop >= AucDropDecaying - 1e-9)
        {
            findings.Add((HealthLevel.Decaying, new("AucDown", auc, inputs.FirstAuc ?? auc, version, drop)));
        }
        else if (drop >= AucDropWatch - 1e-9)
        {
            findings.Add((HealthLevel.Watch, new("AucDown", auc, inputs.FirstAuc ?? auc, version, drop)));
        }

        var drift = inputs.Drift ?? new DriftThresholds();
        if (inputs.ScorePsi is { } psi && psi >= drift.Alert)
        {
            findings.Add((HealthLevel.Decaying, new("PsiAlert", psi, drift.Alert)));
        }
        else if (inputs.ScorePsi is { } watched && watched >= drift.Warning)
        {
            findings.Add((HealthLevel.Watch, new("PsiWarning", watched, drift.Warning)));
        }

        if (inputs.LastRun is ScoringStatus.Failed or ScoringStatus.Interrupted)
        {
            findings.Add((HealthLevel.Watch, new(inputs.LastRun == ScoringStatus.Failed ? "LastRunFailed" : "LastRunInterrupted")));
        }

        if (string.Equals(inputs.QualityStatus, "ERROR", StringComparison.OrdinalIgnoreCase))
        {
            findings.Add((HealthLevel.Watch, new("QualityError")));
        }

        if (findings.Count == 0)
        {
            return new(HealthLevel.Healthy, [new("AucHolds", auc, AucDropWatch, inputs.FirstAuc ?? auc)]);
        }

        var worst = findings.Min(f => f.Level);
        return new(worst, findings.Where(f => f.Level == worst).Select(f => f.Reason).ToList());
    }
}
