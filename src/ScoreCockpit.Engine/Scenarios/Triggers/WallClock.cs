using System.Globalization;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

/// <summary>Turns a wall-clock date and time in a zone into one instant, with the daylight saving rules.</summary>
internal static class WallClock
{
    public static readonly string[] ExampleZones = ["Europe/Paris", "Europe/London", "America/New_York"];

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The zone for an IANA id (Windows ids also resolve), or null when the system does not know it.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return null;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The instant <paramref name="date"/> at <paramref name="time"/> happens in <paramref name="zone"/>, in UTC.
    /// A time skipped when clocks go forward becomes the first instant after the gap (02:30 → 03:00); a time that
    /// happens twice when clocks go back is its first occurrence (still on summer time). One instant per date, so a
    /// daily time never fires twice or not at all on those days.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        // Gaps are whole minutes long in every current zone, at most a day (a zone that skipped a date).
        for (var minutes = 0; minutes < 24 * 60 && zone.IsInvalidTime(local); minutes++)
            local = local.AddMinutes(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
