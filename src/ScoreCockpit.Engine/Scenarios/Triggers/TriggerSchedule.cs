using Cronos;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

/// <summary>
/// When triggers fire. Pure: the caller passes the instants, every result is in UTC (offset 0).
/// <para>
/// Daylight saving. Weekly, monthly and daily triggers fire at a wall-clock time of their own zone, once per chosen
/// date: a time the clocks skip (02:30 in Paris on the last Sunday of March) fires at the first instant after the
/// gap (03:00 summer time); a time that happens twice (02:30 on the last Sunday of October) fires once, at its first
/// occurrence (summer time). This is what Cronos does for a cron expression with a fixed minute and hour, so
/// "weekly on Sunday at 02:30" and the cron "30 2 * * 0" fire at the same instants. Cron triggers follow Cronos
/// itself: an expression with *, - or / in its second, minute or hour field is an interval and fires in both copies
/// of the repeated hour. Hourly triggers follow real hours (twice in the repeated hour, not in the skipped one).
/// </para>
/// </summary>
public static partial class TriggerSchedule
{
    /// <summary>The first fire time strictly after <paramref name="after"/>; null for manual triggers and for cron expressions that never match.</summary>
    /// <exception cref="CockpitValidationException">The trigger is not valid; the message lists what to fix.</exception>
    public static DateTimeOffset? Next(TriggerDefinition trigger, DateTimeOffset after) => Compile(trigger)(after);

    /// <summary>Fire times in (<paramref name="afterExclusive"/>, <paramref name="untilInclusive"/>], in order, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Between(
        TriggerDefinition trigger, DateTimeOffset afterExclusive, DateTimeOffset untilInclusive, int max = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var next = Compile(trigger);
        var times = new List<DateTimeOffset>();
        for (var at = next(afterExclusive); at is { } t && t <= untilInclusive && times.Count < max; at = next(t))
            times.Add(t);
        return times;
    }

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="after"/> (fewer if the trigger stops firing).</summary>
    public static IReadOnlyList<DateTimeOffset> NextN(TriggerDefinition trigger, DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var next = Compile(trigger);
        var times = new List<DateTimeOffset>(count);
        for (var at = next(after); at is { } t && times.Count < count; at = next(t))
            times.Add(t);
        return times;
    }

    // Validates once and resolves the zone and the cron expression once, so a year of fire times costs no re-parsing.
    private static Func<DateTimeOffset, DateTimeOffset?> Compile(TriggerDefinition trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var problems = Validate(trigger);
        if (problems.Count > 0)
            throw new CockpitValidationException($"The {Kind(trigger)} trigger cannot be scheduled: {string.Join(" ", problems)}");
        return trigger switch
        {
            ManualTrigger => _ => null,
            WeeklyTrigger w => CalendarDays(d => w.Days.Contains(d.DayOfWeek), w.Time, w.TimeZone),
            DailyTrigger d => CalendarDays(_ => true, d.Time, d.TimeZone),
            MonthlyTrigger m => MonthlyDates.Next(m, Time(m.Time), Zone(m.TimeZone)),
            HourlyTrigger h => HourlyNext(h.Minute, Zone(h.TimeZone)),
            CronTrigger c => CronNext(ParseCron(c.Expression), Zone(c.TimeZone)),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger.GetType().Name, "Unknown trigger kind."),
        };
    }

    private static Func<DateTimeOffset, DateTimeOffset?> CalendarDays(Func<DateOnly, bool> isDay, string timeText, string zoneId)
    {
        var time = Time(timeText);
        var zone = Zone(zoneId);
        return after =>
        {
            // From the day before: a fire pushed past a gap at midnight can land on the next date.
            var from = WallClock.LocalDate(after, zone).AddDays(-1);
            for (var date = from; date <= from.AddDays(9); date = date.AddDays(1))
            {
                if (!isDay(date))
                    continue;
                var fire = WallClock.ToInstant(date, time, zone);
                if (fire > after)
                    return fire;
            }
            return null;
        };
    }

    private static Func<DateTimeOffset, DateTimeOffset?> HourlyNext(int minute, TimeZoneInfo zone) => after =>
    {
        // Whole minutes of UTC from the first one strictly after `after`; the zone only decides which minute is ours
        // (zones 30 or 45 minutes off UTC).
        var start = new DateTimeOffset(after.UtcTicks - (after.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        var wait = (minute - TimeZoneInfo.ConvertTime(start, zone).Minute + 60) % 60;
        var guess = start.AddMinutes(wait);
        if (TimeZoneInfo.ConvertTime(guess, zone).Minute == minute)
            return guess;
        // An offset change of a fraction of an hour lies in between: walk the minutes (two hours always hold one).
        for (var candidate = start; candidate < start.AddHours(3); candidate = candidate.AddMinutes(1))
        {
            if (TimeZoneInfo.ConvertTime(candidate, zone).Minute == minute)
                return candidate;
        }
        return null;
    };

    private static Func<DateTimeOffset, DateTimeOffset?> CronNext(CronExpression cron, TimeZoneInfo zone) => after =>
        cron.GetNextOccurrence(after.UtcDateTime, zone, inclusive: false) is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;

    private static TimeOnly Time(string text) => WallClock.TryParseTime(text, out var time) ? time : throw new InvalidOperationException(text);

    private static TimeZoneInfo Zone(string id) => WallClock.FindZone(id) ?? throw new InvalidOperationException(id);

    private static CronExpression ParseCron(string expression)
    {
        var text = expression.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    private static string Kind(TriggerDefinition trigger) => trigger switch
    {
        WeeklyTrigger => "weekly",
        MonthlyTrigger => "monthly",
        DailyTrigger => "daily",
        HourlyTrigger => "hourly",
        CronTrigger => "cron",
        _ => "manual",
    };
}
