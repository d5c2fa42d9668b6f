namespace ScoreCockpit.Engine.Scoring;

public enum ScoringStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>The process died while the run was in progress: the output table kept the previous scores.</summary>
    Interrupted,
}

/// <summary>One application of the active version to a score's snapshot: what was written, and how the scores and features drift.</summary>
public sealed class ScoringRun
{
    public long Id { get; set; }
    public int ScoreId { get; set; }
    public long VersionId { get; set; }
    public DateOnly ReferenceDate { get; set; }
    public ScoringStatus Status { get; set; }
    public required string OutputTable { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public required string StartedBy { get; set; }

    /// <summary>host:process that runs it, for people; <see cref="LeaseExpiresAt"/> tells a live run from a dead one.</summary>
    public required string Owner { get; set; }

    /// <summary>
    /// While running: the owner renews this (UTC) well before it passes; once passed, any host marks the run
    /// interrupted (<see cref="InterruptedRuns"/>). Null for finished runs.
    /// </summary>
    public DateTime? LeaseExpiresAt { get; set; }

    public long Rows { get; set; }
    public double? Mean { get; set; }

    /// <summary>JSON: 20 equal-width bins of the score over [0, 1] (shares).</summary>
    public string HistogramJson { get; set; } = "[]";

    /// <summary>JSON: the score at the top 10 %, 20 %… 90 % (the decile cut points).</summary>
    public string DecileCutsJson { get; set; } = "[]";

    /// <summary>PSI of this run's score distribution against the previous successful run's; null for the first.</summary>
    public double? ScorePsi { get; set; }

    /// <summary>JSON: per-feature PSI against the active version's newest training snapshot, largest first.</summary>
    public string FeaturePsiJson { get; set; } = "[]";

    /// <summary>Where the scores were computed: "in-process" or "in-warehouse"; null for runs recorded before the choice existed.</summary>
    public string? Execution { get; set; }

    /// <summary>Why there: a person's setting or override, or what auto measured; and why it fell back, when it did.</summary>
    public string? ExecutionReason { get; set; }

    public string WarningsJson { get; set; } = "[]";
    public string? Failure { get; set; }
    public long DurationMs { get; set; }
}

public sealed record FeatureDrift(string Column, double Psi);
