using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>A score's dataset for one reference date, materialised in the warehouse, with its profile.</summary>
public sealed class Snapshot
{
    public long Id { get; set; }
    public int ScoreId { get; set; }
    public DateOnly ReferenceDate { get; set; }
    public required string TableName { get; set; }
    public long Rows { get; set; }

    /// <summary>Customers with the target at 1; null when the target column held no value at all.</summary>
    public long? Positives { get; set; }

    public double? BaseRate => Positives is { } p && Rows > 0 ? (double)p / Rows : null;

    public DateTime BuiltAt { get; set; }

    /// <summary>When the target was last read: at the build, or at the latest label refresh (UTC).</summary>
    public DateTime LabelsReadAt { get; set; }

    /// <summary>Customers of the snapshot the latest label refresh did not return: left out of evaluations.</summary>
    public long MissingLabels { get; set; }
    public required string BuiltBy { get; set; }
    public long DurationMs { get; set; }

    /// <summary>Per-column profile and inferred kind, stored as JSON.</summary>
    public IReadOnlyList<ColumnProfile> Columns { get; set; } = [];
}

/// <summary>What the profile says of one column of a snapshot.</summary>
public sealed record ColumnProfile(
    string Name,
    string DatabaseType,
    ColumnKind InferredKind,
    double NullRate,
    long Distinct,
    double? Min,
    double? Max,
    double? Mean);
