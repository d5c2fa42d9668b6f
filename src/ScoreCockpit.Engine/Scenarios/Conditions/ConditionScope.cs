namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>What a condition may name when it is saved: the variables known at that step and the earlier steps' outputs.</summary>
public sealed record ConditionScope(
    IReadOnlyDictionary<string, ValueKind> Variables,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ValueKind>> EarlierSteps);

/// <summary>What a condition reads when it runs.</summary>
public interface IConditionFacts
{
    DateOnly Today { get; }

    /// <summary>The run's reference date, <c>${date_ref}</c>: the date check() and metric() read unless they name one.</summary>
    DateOnly ReferenceDate { get; }

    TypedValue? Variable(string name);

    TypedValue? Output(string step, string key);

    /// <summary>succeeded, failed or skipped; null when the step has not run.</summary>
    string? StepStatus(string step);

    /// <summary>
    /// A check's outcome for one reference date, of a score (null score: the scenario's own); null when it has none
    /// for that date — an outcome for another date says nothing about this one.
    /// </summary>
    Task<CheckLevel?> CheckAsync(string? score, string check, DateOnly referenceDate, CancellationToken ct);

    /// <summary>A metric's value for one reference date; null when it was not measured (or measured no value) for it.</summary>
    Task<double?> MetricAsync(string? score, string metric, DateOnly referenceDate, CancellationToken ct);
}
