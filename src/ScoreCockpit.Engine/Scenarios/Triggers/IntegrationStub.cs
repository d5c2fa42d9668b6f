using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ManualTrigger), "manual")]
[JsonDerivedType(typeof(WeeklyTrigger), "weekly")]
[JsonDerivedType(typeof(MonthlyTrigger), "monthly")]
public abstract record TriggerDefinition;

public sealed record ManualTrigger : TriggerDefinition;

public sealed record WeeklyTrigger : TriggerDefinition
{
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];
    public string Time { get; init; } = "";
    public string TimeZone { get; init; } = "Europe/Paris";
}

public sealed record MonthlyTrigger : TriggerDefinition
{
    public int? Day { get; init; }
    public bool FirstWorkingDay { get; init; }
    public string Time { get; init; } = "";
    public string TimeZone { get; init; } = "Europe/Paris";
}

public enum CatchUpPolicy { None, Latest, All }

public sealed record CatchUpPlan(IReadOnlyList<DateTimeOffset> Run, IReadOnlyList<DateTimeOffset> Dropped);

public static class CatchUp
{
    public static CatchUpPlan Plan(IReadOnlyList<DateTimeOffset> dueTimes, DateTimeOffset now, CatchUpPolicy policy, TimeSpan grace) =>
        new(dueTimes, []);
}

public static class TriggerSchedule
{
    public static DateTimeOffset? Next(TriggerDefinition t, DateTimeOffset after) => null;
    public static IReadOnlyList<DateTimeOffset> Between(TriggerDefinition t, DateTimeOffset afterExclusive, DateTimeOffset untilInclusive, int max = 1000) => [];
    public static IReadOnlyList<DateTimeOffset> NextN(TriggerDefinition t, DateTimeOffset after, int count) => [];
    public static string Describe(TriggerDefinition t) => t.GetType().Name;
    public static IReadOnlyList<string> Validate(TriggerDefinition t) => [];
}
