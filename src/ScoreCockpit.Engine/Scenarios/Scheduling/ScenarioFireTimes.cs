using System.Globalization;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Triggers;

namespace ScoreCockpit.Engine.Scenarios.Scheduling;

/// <summary>Fire times as people read them: in the time zone of the scenario's first timed trigger.</summary>
public static class ScenarioFireTimes
{
    public static string Local(ScenarioDefinition definition, DateTimeOffset at)
    {
        var zoneId = definition.Triggers.Select(ZoneOf).FirstOrDefault(z => z is not null) ?? TriggerDefinition.DefaultTimeZone;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("yyyy-MM-dd HH:mm ddd (zzz)", CultureInfo.InvariantCulture) + " " + zoneId;
    }

    private static string? ZoneOf(TriggerDefinition trigger) => trigger switch
    {
        WeeklyTrigger w => w.TimeZone,
        MonthlyTrigger m => m.TimeZone,
        DailyTrigger d => d.TimeZone,
        HourlyTrigger h => h.TimeZone,
        CronTrigger c => c.TimeZone,
        _ => null,
    };
}
