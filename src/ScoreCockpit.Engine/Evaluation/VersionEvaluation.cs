namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// The metrics of one version on one labelled snapshot, computed once and kept for history (a purge of the
/// version keeps it). A failed evaluation keeps its reason instead of metrics.
/// </summary>
public sealed class VersionEvaluation
{
    public long Id { get; set; }
    public int ScoreId { get; set; }
    public long VersionId { get; set; }

    /// <summary>The reference date of the snapshot scored.</summary>
    public DateOnly EvaluationDate { get; set; }

    /// <summary>The snapshot was in the version's training window: never shown as out-of-time performance.</summary>
    public bool InSample { get; set; }

    /// <summary>Forward, validation, in-sample or back-test: only forward figures judge the version (health, medians).</summary>
    public EvaluationKind Kind { get; set; }

    /// <summary>The date had fewer rows or positives than the score's minimum: stored and shown, never counted.</summary>
    public bool Thin { get; set; }

    /// <summary>Why the version could not score this snapshot (a column whose type changed…); null when it did.</summary>
    public string? Failure { get; set; }

    /// <summary>JSON array of texts: columns scored as missing and the like.</summary>
    public string WarningsJson { get; set; } = "[]";

    public long Rows { get; set; }
    public long Positives { get; set; }
    public double? BaseRate { get; set; }
    public double? Auc { get; set; }
    public double? AucLower { get; set; }
    public double? AucUpper { get; set; }
    public double? Gini { get; set; }
    public double? Ks { get; set; }
    public double? Brier { get; set; }
    public double? LogLoss { get; set; }

    /// <summary>Lift at the score's first cut-off with its 95 % interval, for "is this difference noise?".</summary>
    public double? FirstLiftLower { get; set; }
    public double? FirstLiftUpper { get; set; }

    /// <summary>JSON array of {percent, lift, capture} at the score's cut-offs.</summary>
    public string CutoffsJson { get; set; } = "[]";

    /// <summary>JSON array of the ten deciles from the top: rows, positives, response rate, cumulative capture, lift.</summary>
    public string DecilesJson { get; set; } = "[]";

    /// <summary>Why some metrics are null (one class only, no probability…); null when all are defined.</summary>
    public string? UndefinedReason { get; set; }

    public DateTime ComputedAt { get; set; }
    public long DurationMs { get; set; }
}
