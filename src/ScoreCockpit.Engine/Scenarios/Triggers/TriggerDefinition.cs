using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

/// <summary>
/// When a scenario starts by itself. Calendar triggers (weekly, monthly, daily) name a wall-clock time in their own
/// time zone, so "11:40" stays 11:40 in Paris across daylight saving changes; see <see cref="TriggerSchedule"/> for the
/// rules on the days the clocks change. Read and write them with <see cref="TriggerJson"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(WeeklyTrigger), "weekly")]
[JsonDerivedType(typeof(MonthlyTrigger), "monthly")]
[JsonDerivedType(typeof(DailyTrigger), "daily")]
[JsonDerivedType(typeof(HourlyTrigger), "hourly")]
[JsonDerivedType(typeof(CronTrigger), "cron")]
[JsonDerivedType(typeof(ManualTrigger), "manual")]
public abstract record TriggerDefinition
{
    public const string DefaultTimeZone = "Europe/Paris";

    /// <summary>The JSON "type" names, in the order they are offered to users.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = ["weekly", "monthly", "daily", "hourly", "cron", "manual"];

    // The schedule maths switches over the kinds below; a kind defined elsewhere would have no rules.
    private protected TriggerDefinition()
    {
    }
}

/// <summary>On the given days of the week at <see cref="Time"/> ("HH:mm").</summary>
public sealed record WeeklyTrigger : TriggerDefinition
{
    [JsonConverter(typeof(DayNamesJsonConverter))]
    public IReadOnlyList<DayOfWeek> Days { get; init; } = [];

    public string Time { get; init; } = "";

    public string TimeZone { get; init; } = DefaultTimeZone;

    public bool Equals(WeeklyTrigger? other) =>
        other is not null && Days.SequenceEqual(other.Days) && Time == other.Time && TimeZone == other.TimeZone;

    public override int GetHashCode() => HashCode.Combine(Days.Count, Time, TimeZone);
}

/// <summary>
/// Once a month at <see cref="Time"/>: on <see cref="Day"/> (a day past the month's end means its last day), or on
/// the first working day — Monday to Friday, not one of <see cref="Holidays"/>. Exactly one of the two is set.
/// </summary>
public sealed record MonthlyTrigger : TriggerDefinition
{
    public int? Day { get; init; }

    public bool FirstWorkingDay { get; init; }

    public string Time { get; init; } = "";

    public string TimeZone { get; init; } = DefaultTimeZone;

    /// <summary>Dates that are not working days, in the trigger's time zone.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    public bool Equals(MonthlyTrigger? other) =>
        other is not null && Day == other.Day && FirstWorkingDay == other.FirstWorkingDay && Time == other.Time
        && TimeZone == other.TimeZone && Holidays.SequenceEqual(other.Holidays);

    public override int GetHashCode() => HashCode.Combine(Day, FirstWorkingDay, Time, TimeZone, Holidays.Count);
}

/// <summary>Every day at <see cref="Time"/> ("HH:mm").</summary>
public sealed record DailyTrigger : TriggerDefinition
{
    public string Time { get; init; } = "";

    public string TimeZone { get; init; } = DefaultTimeZone;
}

/// <summary>
/// Every hour at <see cref="Minute"/> past the hour of the zone's clock. It follows real hours: the repeated hour
/// when clocks go back fires twice and the skipped hour when they go forward does not fire.
/// </summary>
public sealed record HourlyTrigger : TriggerDefinition
{
    public int Minute { get; init; }

    public string TimeZone { get; init; } = DefaultTimeZone;
}

/// <summary>A cron expression of 5 fields (or 6 with seconds first), read by Cronos in <see cref="TimeZone"/>.</summary>
public sealed record CronTrigger : TriggerDefinition
{
    public string Expression { get; init; } = "";

    public string TimeZone { get; init; } = DefaultTimeZone;
}

/// <summary>Never fires by time: the scenario runs when someone starts it.</summary>
public sealed record ManualTrigger : TriggerDefinition;
