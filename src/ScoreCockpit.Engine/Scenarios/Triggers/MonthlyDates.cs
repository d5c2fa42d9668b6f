namespace ScoreCockpit.Engine.Scenarios.Triggers;

/// <summary>Which date of a month a monthly trigger picks.</summary>
internal static class MonthlyDates
{
    /// <summary>The trigger's date in that month, or null when a month has no working day left (all holidays).</summary>
    public static DateOnly? DateIn(MonthlyTrigger trigger, int year, int month)
    {
        var length = DateTime.DaysInMonth(year, month);
        if (trigger.Day is { } day)
            return new DateOnly(year, month, Math.Min(day, length));
        for (var d = 1; d <= length; d++)
        {
            var date = new DateOnly(year, month, d);
            if (IsWorkingDay(date, trigger.Holidays))
                return date;
        }
        return null;
    }

    public static bool IsWorkingDay(DateOnly date, IReadOnlyList<DateOnly> holidays) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    public static Func<DateTimeOffset, DateTimeOffset?> Next(MonthlyTrigger trigger, TimeOnly time, TimeZoneInfo zone) => after =>
    {
        // From the month of the day before: its fire may sit just after `after` when that is a month's first hours.
        var local = WallClock.LocalDate(after, zone).AddDays(-1);
        var month = new DateOnly(local.Year, local.Month, 1);
        // A year of holidays could empty a month; two years of them is a typo, and then the trigger stops.
        for (var i = 0; i < 25; i++, month = month.AddMonths(1))
        {
            if (DateIn(trigger, month.Year, month.Month) is not { } date)
                continue;
            var fire = WallClock.ToInstant(date, time, zone);
            if (fire > after)
                return fire;
        }
        return null;
    };
}
