using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Quality;

/// <summary>
/// What a metric measures: a warehouse table or view (its name may use ${variables}, e.g. usage_${month_key}), optionally
/// filtered, or, with <see cref="Snapshot"/>, the score's snapshot of the reference date.
/// </summary>
public sealed record DatasetDefinition
{
    public string Table { get; init; } = "";

    /// <summary>A SQL filter; its ${variables} are bound as parameters.</summary>
    public string? Where { get; init; }

    /// <summary>The warehouse connection; null: the score's warehouse, or the built-in one without a score.</summary>
    public string? Connection { get; init; }

    /// <summary>Measure the score's snapshot table of the reference date instead of <see cref="Table"/>.</summary>
    public bool Snapshot { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<MetricKind>))]
public enum MetricKind
{
    [JsonStringEnumMemberName("row-count")]
    RowCount,

    [JsonStringEnumMemberName("null-rate")]
    NullRate,

    [JsonStringEnumMemberName("distinct-count")]
    DistinctCount,

    [JsonStringEnumMemberName("min")]
    Min,

    [JsonStringEnumMemberName("max")]
    Max,

    [JsonStringEnumMemberName("mean")]
    Mean,

    [JsonStringEnumMemberName("sql")]
    Sql,
}

/// <summary>A measured figure of a dataset. Names ("row_count", "null_rate_tenure") are unique within a score.</summary>
public sealed record MetricDefinition
{
    public string Name { get; init; } = "";
    public MetricKind Kind { get; init; }
    public string? Column { get; init; }

    /// <summary>For <see cref="MetricKind.Sql"/>: a query returning one number; its ${variables} are bound.</summary>
    public string? Sql { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<CheckKind>))]
public enum CheckKind
{
    [JsonStringEnumMemberName("bounds")]
    Bounds,

    [JsonStringEnumMemberName("change")]
    Change,

    [JsonStringEnumMemberName("compare-row-counts")]
    CompareRowCounts,

    [JsonStringEnumMemberName("score-psi")]
    ScorePsi,

    /// <summary>The value against the median of the metric's last <see cref="CheckDefinition.History"/> reference dates (±%).</summary>
    [JsonStringEnumMemberName("usual-range")]
    UsualRange,
}

/// <summary>A rule on a metric (or on two datasets, or on the score's PSI) giving OK, WARNING or ERROR.</summary>
public sealed record CheckDefinition
{
    public string Name { get; init; } = "";
    public CheckKind Kind { get; init; }

    /// <summary>The name of a metric of the same score (bounds, change).</summary>
    public string? Metric { get; init; }

    public double? WarningMin { get; init; }
    public double? WarningMax { get; init; }
    public double? ErrorMin { get; init; }
    public double? ErrorMax { get; init; }

    /// <summary>Change checks and compare-row-counts: the largest acceptable |a / b − 1|, in percent.</summary>
    public double? WarningChangePercent { get; init; }

    public double? ErrorChangePercent { get; init; }

    /// <summary>Usual-range checks: how many previous reference dates make the usual value (their median; default 6).</summary>
    public int? History { get; init; }

    public DatasetDefinition? Dataset { get; init; }
    public DatasetDefinition? OtherDataset { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    [JsonStringEnumMemberName("ok")]
    Ok,

    [JsonStringEnumMemberName("warning")]
    Warning,

    [JsonStringEnumMemberName("error")]
    Error,
}

public static class QualityNames
{
    /// <summary>The kind as written in JSON and stored in check_results ("compare-row-counts").</summary>
    public static string Of(CheckKind kind) => kind switch
    {
        CheckKind.Bounds => "bounds",
        CheckKind.Change => "change",
        CheckKind.UsualRange => "usual-range",
        CheckKind.CompareRowCounts => "compare-row-counts",
        _ => "score-psi",
    };

    public static string Of(MetricKind kind) => kind switch
    {
        MetricKind.RowCount => "row-count",
        MetricKind.NullRate => "null-rate",
        MetricKind.DistinctCount => "distinct-count",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Upper-case, as people and scenario conditions write it (check('volumetry') != 'ERROR').</summary>
    public static string Of(CheckStatus status) => status.ToString().ToUpperInvariant();
}
