using System.Globalization;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>
/// Durations as people read them in a mail: "42 s", "12 min", "4 min 12 s", "1 h 5 min", "2 d 3 h" (in French
/// "2 j 3 h", "moins d'1 s").
/// </summary>
public static class HumanDuration
{
    /// <param name="culture">The reader's language; null is English.</param>
    public static string Format(TimeSpan duration, CultureInfo? culture = null)
    {
        var texts = MailLanguage.Texts(culture);
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration == TimeSpan.Zero ? Amount(0, texts["UnitSeconds"]) : texts["DurationUnderOneSecond"];
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return Amount(duration.Seconds, texts["UnitSeconds"]);
        }

        if (duration < TimeSpan.FromHours(1))
        {
            return Join(Amount(duration.Minutes, texts["UnitMinutes"]), duration.Seconds, texts["UnitSeconds"]);
        }

        return duration < TimeSpan.FromDays(1)
            ? Join(Amount(duration.Hours, texts["UnitHours"]), duration.Minutes, texts["UnitMinutes"])
            : Join(Amount((int)duration.TotalDays, texts["UnitDays"]), duration.Hours, texts["UnitHours"]);
    }

    private static string Amount(int amount, string unit) => string.Create(CultureInfo.InvariantCulture, $"{amount} {unit}");

    private static string Join(string major, int minor, string unit) => minor == 0 ? major : $"{major} {Amount(minor, unit)}";
}
