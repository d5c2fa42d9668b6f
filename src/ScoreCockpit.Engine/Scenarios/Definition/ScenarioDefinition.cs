using ScoreCockpit.Engine.Scenarios.Triggers;

namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>What a scenario does (ordered steps), when (triggers) and who hears of it (reporters).</summary>
public sealed record ScenarioDefinition
{
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];
    public IReadOnlyList<TriggerDefinition> Triggers { get; init; } = [];
    public CatchUpPolicy CatchUp { get; init; } = CatchUpPolicy.Latest;
    public IReadOnlyList<ReporterDefinition> Reporters { get; init; } = [];

    /// <summary>A fixed duration limit; the limit learnt from the last 20 runs applies too once there are enough.</summary>
    public int? DurationLimitMinutes { get; init; }
}
