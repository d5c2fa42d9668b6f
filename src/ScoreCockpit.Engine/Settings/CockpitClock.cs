using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Settings;

/// <summary>
/// The cockpit's "now" and "today": the injected <see cref="TimeProvider"/> read in the cockpit's time zone (setting
/// <c>Cockpit:TimeZone</c>, default Europe/Paris). Every "today" the engine and the portal use comes from here, so the
/// snapshots list, the evaluator and a file name cannot disagree on the date near midnight, whatever the server's zone.
/// </summary>
public sealed class CockpitClock(TimeProvider time, CockpitTimeZone zone)
{
    public TimeZoneInfo Zone { get; } = zone.Zone;

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>The UTC moment a cockpit day starts.</summary>
    public DateTime StartOf(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone);

    /// <summary>The cockpit day a stored UTC moment falls on.</summary>
    public DateOnly DayOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));
}

/// <summary>The zone the cockpit's days are counted in.</summary>
public sealed record CockpitTimeZone(TimeZoneInfo Zone)
{
    public const string Setting = "Cockpit:TimeZone";
    public const string DefaultId = "Europe/Paris";

    public static CockpitTimeZone Default { get; } = new(TimeZoneInfo.FindSystemTimeZoneById(DefaultId));

    /// <summary>The zone for an IANA (or Windows) id; empty means the default. An unknown id stops the start with what to set.</summary>
    public static CockpitTimeZone Resolve(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return Default;
        }

        try
        {
            return new CockpitTimeZone(TimeZoneInfo.FindSystemTimeZoneById(id.Trim()));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CockpitValidationException(
                $"The setting {Setting} = '{id.Trim()}' is not a time zone this machine knows. Use an IANA name such as Europe/Paris or UTC.");
        }
    }
}
