namespace ScoreCockpit.Engine.Alerts;

/// <summary>Durations as people read them in a mail: "42 s", "12 min", "4 min 12 s", "1 h 5 min", "2 d 3 h".</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration == TimeSpan.Zero ? "0 s" : "under 1 s";
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return $"{duration.Seconds} s";
        }

        if (duration < TimeSpan.FromHours(1))
        {
            return Join($"{duration.Minutes} min", duration.Seconds, "s");
        }

        return duration < TimeSpan.FromDays(1)
            ? Join($"{duration.Hours} h", duration.Minutes, "min")
            : Join($"{(int)duration.TotalDays} d", duration.Hours, "h");
    }

    private static string Join(string major, int minor, string unit) => minor == 0 ? major : $"{major} {minor} {unit}";
}
