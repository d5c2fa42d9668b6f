using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Engine.Portfolio;

/// <summary>
/// One page of the portfolio. <paramref name="Sort"/> is health (worst first), name, auc, change, gap, psi or run;
/// a leading '-' reverses it.
/// </summary>
public sealed record PortfolioRequest(string? Search, HealthLevel? Health, string Sort = "health", int Page = 0, int PageSize = 25);

/// <summary>How many scores (after the search, before the health filter) sit at each level: the filter chips' counts.</summary>
public sealed record HealthCounts(int Healthy, int Watch, int Decaying, int NoData)
{
    public int Of(HealthLevel level) => level switch
    {
        HealthLevel.Healthy => Healthy,
        HealthLevel.Watch => Watch,
        HealthLevel.Decaying => Decaying,
        _ => NoData,
    };
}

public sealed record PortfolioPage(IReadOnlyList<ScoreHealthRow> Rows, int Total, HealthCounts Counts);

/// <summary>The active version's AUC on one evaluation date; null when out of sample figures are missing there.</summary>
public sealed record SparkPoint(DateOnly Date, double? Auc);

/// <summary>
/// One score's health: its active version and since when, how that version does out of time (never in-sample),
/// the best other version on the same date, the last scoring run and its drift.
/// </summary>
public sealed record ScoreHealthRow
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Owners { get; init; } = [];
    public int? ActiveVersion { get; init; }
    public DateTime? ActiveSince { get; init; }

    /// <summary>The active version's latest out-of-time AUC, its date, and the change from the previous one.</summary>
    public double? Auc { get; init; }

    public DateOnly? AucDate { get; init; }
    public double? AucChange { get; init; }

    /// <summary>The active version's first out-of-time AUC: the baseline of the health rule.</summary>
    public double? FirstAuc { get; init; }

    public double? Lift5 { get; init; }
    public double? Lift10 { get; init; }

    /// <summary>Filled for the rows of the requested page only.</summary>
    public IReadOnlyList<SparkPoint> Sparkline { get; init; } = [];

    /// <summary>"v7" or "v7 · logistic": the best other version out of time on the latest date.</summary>
    public string? BestOther { get; init; }

    public double? BestOtherAuc { get; init; }

    /// <summary>Best other minus active: above zero, something beats production.</summary>
    public double? Gap => BestOtherAuc - Auc;

    public ScoringStatus? LastRunStatus { get; init; }
    public DateTime? LastRunAt { get; init; }

    /// <summary>PSI of the latest successful run against the one before it.</summary>
    public double? ScorePsi { get; init; }

    /// <summary>none, ok, warning or alert, against the score's own drift thresholds.</summary>
    public string PsiLevel { get; init; } = "none";

    public DriftThresholds Drift { get; init; } = new();

    /// <summary>OK, WARNING or ERROR; null until the quality feature fills it through <see cref="IPortfolioEnrichment"/>.</summary>
    public string? QualityStatus { get; init; }

    public HealthLevel Health { get; init; } = HealthLevel.NoData;

    /// <summary>The reasons in English (CLI, logs); <see cref="HealthReasonIn"/> gives them in a reader's language.</summary>
    public string HealthReason { get; init; } = "";

    public IReadOnlyList<HealthFinding> HealthFindings { get; init; } = [];

    public string HealthReasonIn(System.Globalization.CultureInfo culture) =>
        HealthFindings.Count == 0 ? HealthReason : HealthRules.Explain(HealthFindings, culture);
}

/// <summary>
/// Lets other features add what they know (data-quality status, run status of scenarios) to every row before the health
/// rule is applied; the portfolio itself registers none.
/// </summary>
public interface IPortfolioEnrichment
{
    Task<IReadOnlyList<ScoreHealthRow>> EnrichAsync(IReadOnlyList<ScoreHealthRow> rows, CancellationToken ct);
}
