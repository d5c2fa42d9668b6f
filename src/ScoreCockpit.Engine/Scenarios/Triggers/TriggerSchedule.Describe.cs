using System.Globalization;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

public static partial class TriggerSchedule
{
    private static readonly DayOfWeek[] MondayFirst =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
        DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    /// <summary>One line for people: "Wednesdays at 11:40 (Europe/Paris)", "Manual only".</summary>
    public static string Describe(TriggerDefinition trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger switch
        {
            WeeklyTrigger w => $"{WeekDays(w.Days)} at {ShowTime(w.Time)} ({w.TimeZone})",
            MonthlyTrigger m => $"{MonthDay(m)} at {ShowTime(m.Time)} ({m.TimeZone})",
            DailyTrigger d => $"Every day at {ShowTime(d.Time)} ({d.TimeZone})",
            HourlyTrigger h => $"Every hour at {h.Minute:00} minutes past ({h.TimeZone})",
            CronTrigger c => $"Cron {c.Expression?.Trim()} ({c.TimeZone})",
            _ => "Manual only",
        };
    }

    // Normalised when it parses ("6:00" is refused by Validate, but a description should still show what was typed).
    private static string ShowTime(string? time) =>
        WallClock.TryParseTime(time, out var t) ? t.ToString("HH:mm", CultureInfo.InvariantCulture) : $"\"{time}\"";

    private static string WeekDays(IReadOnlyList<DayOfWeek>? days)
    {
        var chosen = MondayFirst.Where(d => days?.Contains(d) == true).ToList();
        if (chosen.Count == 7)
            return "Every day";
        if (chosen.Count == 5 && !chosen.Contains(DayOfWeek.Saturday) && !chosen.Contains(DayOfWeek.Sunday))
            return "Monday to Friday";
        if (chosen.Count == 0)
            return "No day";
        var names = chosen.Select(d => $"{d}s").ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
    }

    private static string MonthDay(MonthlyTrigger m)
    {
        if (m.FirstWorkingDay)
        {
            var holidays = m.Holidays?.Count ?? 0;
            return holidays == 0
                ? "The first working day of each month"
                : $"The first working day of each month (holidays excluded: {holidays})";
        }
        if (m.Day is not { } day)
            return "No day of the month";
        return day >= 29
            ? $"The {Ordinal(day)} of each month (its last day when shorter)"
            : $"The {Ordinal(day)} of each month";
    }

    private static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return $"{n}{suffix}";
    }
}
