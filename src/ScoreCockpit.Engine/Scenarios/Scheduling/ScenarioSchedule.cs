using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Triggers;

namespace ScoreCockpit.Engine.Scenarios.Scheduling;

/// <summary>A scenario's fire times over all its triggers (pure).</summary>
public static class ScenarioSchedule
{
    public static DateTimeOffset? NextFire(ScenarioDefinition definition, DateTimeOffset after) =>
        definition.Triggers.Select(t => TriggerSchedule.Next(t, after)).Where(t => t is not null).Min();

    /// <summary>The next <paramref name="count"/> fire times, each with the trigger that fires it.</summary>
    public static IReadOnlyList<(DateTimeOffset At, TriggerDefinition Trigger)> NextFires(ScenarioDefinition definition, DateTimeOffset after, int count) =>
        definition.Triggers.SelectMany(t => TriggerSchedule.NextN(t, after, count).Select(at => (at, t)))
            .OrderBy(f => f.at).DistinctBy(f => f.at).Take(count).ToList();

    /// <summary>Fire times after <paramref name="from"/> up to <paramref name="until"/>, over every trigger, oldest first.</summary>
    public static IReadOnlyList<(DateTimeOffset At, TriggerDefinition Trigger)> Due(ScenarioDefinition definition, DateTimeOffset from, DateTimeOffset until) =>
        definition.Triggers.SelectMany(t => TriggerSchedule.Between(t, from, until).Select(at => (at, t)))
            .OrderBy(f => f.at).DistinctBy(f => f.at).ToList();
}
