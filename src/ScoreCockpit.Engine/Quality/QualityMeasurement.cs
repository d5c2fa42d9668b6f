namespace ScoreCockpit.Engine.Quality;

/// <summary>One metric measured for one reference date (table quality_metrics, readable by BI tools).</summary>
public sealed class QualityMeasurement
{
    public long Id { get; set; }

    /// <summary>Null for a metric that belongs to no score (a scenario's own data).</summary>
    public int? ScoreId { get; set; }

    public required string MetricName { get; set; }

    /// <summary>What was measured, in words for people: "usage_202602 where plan = 'fiber'".</summary>
    public required string Dataset { get; set; }

    public DateOnly ReferenceDate { get; set; }
    public double? Value { get; set; }
    public DateTime MeasuredAt { get; set; }
    public long? ScenarioRunId { get; set; }
}

/// <summary>One check's outcome for one reference date (table check_results).</summary>
public sealed class CheckResult
{
    public long Id { get; set; }
    public int? ScoreId { get; set; }
    public required string CheckName { get; set; }

    /// <summary>The check's kind as written in JSON ("change").</summary>
    public required string Kind { get; set; }

    public string? MetricName { get; set; }
    public CheckStatus Status { get; set; }
    public double? Value { get; set; }

    /// <summary>What the value was compared with: the previous reference date's value, or the other dataset's rows.</summary>
    public double? Previous { get; set; }

    /// <summary>Bounds; for change and compare-row-counts checks the Max columns hold the percent thresholds.</summary>
    public double? WarningMin { get; set; }

    public double? WarningMax { get; set; }
    public double? ErrorMin { get; set; }
    public double? ErrorMax { get; set; }
    public required string Message { get; set; }
    public DateOnly ReferenceDate { get; set; }
    public DateTime CheckedAt { get; set; }
    public long? ScenarioRunId { get; set; }
}
