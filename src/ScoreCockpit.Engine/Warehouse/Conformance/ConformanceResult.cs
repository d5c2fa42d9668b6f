namespace ScoreCockpit.Engine.Warehouse.Conformance;

public enum ConformanceOutcome
{
    Passed,
    Failed,

    /// <summary>The warehouse lacks the feature and the engine does without it (e.g. corr() on SQL Server).</summary>
    Skipped,
}

/// <summary>One statement shape tried on a warehouse: on failure, the message says what differed or the warehouse's own words.</summary>
public sealed record ConformanceResult(string Name, ConformanceOutcome Outcome, TimeSpan Duration, string? Message)
{
    /// <summary>Skipped counts as passed: the engine works without what was skipped.</summary>
    public bool Ok => Outcome != ConformanceOutcome.Failed;
}

/// <summary>A check found the warehouse answering other than the engine needs.</summary>
internal sealed class ConformanceFailure(string message) : Exception(message);

/// <summary>A check does not apply to this warehouse; the reason is shown.</summary>
internal sealed class ConformanceSkip(string reason) : Exception(reason);
