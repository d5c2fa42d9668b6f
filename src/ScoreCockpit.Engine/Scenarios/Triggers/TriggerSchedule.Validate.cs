using Cronos;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

public static partial class TriggerSchedule
{
    private const string CronShape = "5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first";
    private const string CronExample = "e.g. \"0 6 * * 1\" for Mondays at 06:00";

    /// <summary>Every problem of the trigger, each naming the field and what to do; empty when it can be scheduled.</summary>
    public static IReadOnlyList<string> Validate(TriggerDefinition trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var problems = new List<string>();
        switch (trigger)
        {
            case WeeklyTrigger w:
                CheckDays(w.Days, problems);
                CheckTime(w.Time, problems);
                CheckZone(w.TimeZone, problems);
                break;
            case MonthlyTrigger m:
                CheckMonthDay(m, problems);
                CheckTime(m.Time, problems);
                CheckZone(m.TimeZone, problems);
                break;
            case DailyTrigger d:
                CheckTime(d.Time, problems);
                CheckZone(d.TimeZone, problems);
                break;
            case HourlyTrigger h:
                if (h.Minute is < 0 or > 59)
                    problems.Add($"The minute {h.Minute} is not a minute of the hour: give 0 to 59.");
                CheckZone(h.TimeZone, problems);
                break;
            case CronTrigger c:
                var zoneKnown = CheckZone(c.TimeZone, problems);
                CheckCron(c.Expression, zoneKnown ? WallClock.FindZone(c.TimeZone) : null, problems);
                break;
        }
        return problems;
    }

    private static void CheckDays(IReadOnlyList<DayOfWeek>? days, List<string> problems)
    {
        if (days is null || days.Count == 0)
            problems.Add("The days are empty: pick at least one day of the week, e.g. [\"wednesday\"].");
        else if (days.Where(d => !Enum.IsDefined(d)).Select(d => (int?)d).FirstOrDefault() is { } bad)
            problems.Add($"The days contain {bad}, which is not a day of the week: use monday to sunday.");
    }

    private static void CheckTime(string? time, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(time))
            problems.Add("The time is missing: give it as HH:mm on a 24-hour clock, e.g. \"06:00\".");
        else if (!WallClock.TryParseTime(time, out _))
            problems.Add($"The time \"{time}\" is not a time of day: give it as HH:mm on a 24-hour clock, e.g. \"06:00\" or \"23:30\".");
    }

    private static bool CheckZone(string? zone, List<string> problems)
    {
        var examples = string.Join(", ", WallClock.ExampleZones);
        if (string.IsNullOrWhiteSpace(zone))
            problems.Add($"The time zone is missing: give an IANA name such as {examples}.");
        else if (WallClock.FindZone(zone) is null)
            problems.Add($"The time zone \"{zone}\" is unknown: give an IANA name such as {examples}.");
        else
            return true;
        return false;
    }

    private static void CheckMonthDay(MonthlyTrigger m, List<string> problems)
    {
        if (m.Day is { } day && m.FirstWorkingDay)
            problems.Add($"The day ({day}) and firstWorkingDay are both set: keep only one of them.");
        else if (m.Day is null && !m.FirstWorkingDay)
            problems.Add("Neither the day nor firstWorkingDay is set: give a day of the month (1 to 31) or set firstWorkingDay to true.");
        if (m.Day is { } d && d is < 1 or > 31)
            problems.Add($"The day {d} is not a day of the month: give 1 to 31 (a day past the month's end, such as 31, means its last day).");
    }

    private static void CheckCron(string? expression, TimeZoneInfo? zone, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            problems.Add($"The cron expression is missing: give {CronShape}, {CronExample}.");
            return;
        }
        var text = expression.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        // Macros such as @daily are one word and Cronos knows them.
        if (!text.StartsWith('@') && fields is not (5 or 6))
        {
            problems.Add($"The cron expression \"{text}\" has {fields} field{(fields == 1 ? "" : "s")}: give {CronShape}, {CronExample}.");
            return;
        }
        CronExpression cron;
        try
        {
            cron = ParseCron(text);
        }
        catch (Exception e) when (e is CronFormatException or MissingSeedException)
        {
            problems.Add($"The cron expression \"{text}\" is not valid: {e.Message.TrimEnd('.')}. Give {CronShape}, {CronExample}.");
            return;
        }
        // A fixed date, not "now": the answer must not depend on when it is asked. Cronos looks up to year 2499.
        if (zone is not null && cron.GetNextOccurrence(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), zone) is null)
            problems.Add($"The cron expression \"{text}\" never fires (no date matches its day and month fields): {CronExample}.");
    }
}
