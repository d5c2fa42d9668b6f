using ScoreCockpit.Engine.Quality;

namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>Measures metrics of one dataset for <c>${date_ref}</c>; each metric becomes an output of the step.</summary>
public sealed record ComputeMetricsStep : StepDefinition
{
    public DatasetDefinition Dataset { get; init; } = new();
    public IReadOnlyList<MetricDefinition> Metrics { get; init; } = [];
}

/// <summary>
/// Runs checks for <c>${date_ref}</c>; each check's status becomes an output. A check in ERROR fails the step (so the
/// steps after it that need success do not run) unless <see cref="FailOnError"/> is false.
/// </summary>
public sealed record RunChecksStep : StepDefinition
{
    public IReadOnlyList<CheckDefinition> Checks { get; init; } = [];
    public bool FailOnError { get; init; } = true;
}
