namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>What a condition may name when it is saved: the variables known at that step and the earlier steps' outputs.</summary>
public sealed record ConditionScope(
    IReadOnlyDictionary<string, ValueKind> Variables,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ValueKind>> EarlierSteps);

/// <summary>What a condition reads when it runs.</summary>
public interface IConditionFacts
{
    DateOnly Today { get; }

    TypedValue? Variable(string name);

    TypedValue? Output(string step, string key);

    /// <summary>succeeded, failed or skipped; null when the step has not run.</summary>
    string? StepStatus(string step);

    /// <summary>The latest outcome of a check of a score (null score: the scenario's own), null when it never ran.</summary>
    Task<CheckLevel?> CheckAsync(string? score, string check, CancellationToken ct);

    Task<double?> MetricAsync(string? score, string metric, CancellationToken ct);
}
