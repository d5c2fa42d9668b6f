namespace ScoreCockpit.Engine.Registry;

/// <summary>
/// An immutable trained model of a score. The artifact (ML.NET zip) lives in the artifact store under its
/// SHA-256; everything needed to understand and reproduce it lives here. Purging removes the artifact only.
/// </summary>
public sealed class ModelVersion
{
    public long Id { get; set; }
    public int ScoreId { get; set; }

    /// <summary>1, 2, 3… per score, in training order.</summary>
    public int Number { get; set; }

    /// <summary>The date the training pretended to be: only snapshots whose labels were known then were used.</summary>
    public DateOnly AsOfDate { get; set; }

    public required string Algorithm { get; set; }
    public string HyperparametersJson { get; set; } = "{}";

    /// <summary>Set for a challenger configuration ("models to compare"); null for the score's own algorithm.</summary>
    public string? ChallengerName { get; set; }

    public bool IsChallenger => ChallengerName is not null;

    public string TrainingDatesJson { get; set; } = "[]";
    public DateOnly? ValidationDate { get; set; }
    public string InputSchemaJson { get; set; } = "{}";
    public string FeaturesJson { get; set; } = "[]";
    public string DroppedFeaturesJson { get; set; } = "[]";
    public string FeatureImportanceJson { get; set; } = "[]";
    public string SchemaDiffJson { get; set; } = "{}";

    /// <summary>JSON array of what the training could not do as asked (no correlations on this warehouse…).</summary>
    public string TrainingNotesJson { get; set; } = "[]";
    public double? ValidationAuc { get; set; }
    public double? ValidationLift10 { get; set; }
    public long TrainingRows { get; set; }
    public long DurationMs { get; set; }

    public required string ArtifactSha256 { get; set; }
    public long ArtifactBytes { get; set; }

    /// <summary>
    /// The scoring plan read from the artifact (<see cref="Modeling.Plans.ScoringPlan"/>), stored beside it under its own
    /// SHA-256; null for a version trained before plans existed, until its first use derives it.
    /// </summary>
    public string? PlanSha256 { get; set; }

    /// <summary>When the artifact was deleted by a purge; the metadata and evaluations stay.</summary>
    public DateTime? PurgedAt { get; set; }

    public DateTime TrainedAt { get; set; }
    public required string TrainedBy { get; set; }
}

/// <summary>One change of a score's active version: who, when, why. The history answers "active on date X".</summary>
public sealed class Activation
{
    public long Id { get; set; }
    public int ScoreId { get; set; }
    public long VersionId { get; set; }
    public DateTime ActivatedAt { get; set; }
    public required string ActivatedBy { get; set; }
    public required string Comment { get; set; }
}
