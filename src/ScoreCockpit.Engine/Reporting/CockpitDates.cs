using System.Globalization;

namespace ScoreCockpit.Engine.Reporting;

/// <summary>How one culture writes a day and a moment, in each notation a surface needs (.NET, Excel, Plotly).</summary>
/// <param name="Day">A reference date or a calendar day (.NET format).</param>
/// <param name="Moment">An instant to the minute, already in the cockpit's time zone (.NET format).</param>
/// <param name="PreciseMoment">An instant to the second, where seconds matter (audit log, run start and end).</param>
/// <param name="Time">A time of day alone (.NET format).</param>
/// <param name="ExcelDay">The number format of a date cell: the cell stays a date Excel sorts and filters.</param>
/// <param name="ExcelMoment">The number format of a date-time cell.</param>
/// <param name="PlotlyDay">The d3 format of a date on a chart's axis ticks and hover labels.</param>
public sealed record DateStyle(
    string Day, string Moment, string PreciseMoment, string Time, string ExcelDay, string ExcelMoment, string PlotlyDay);

/// <summary>
/// The one place that says how dates read, on every surface: tables, page texts, chart axes and tooltips, Excel cells.
/// A day (a reference date) is written as it is; a moment (a stored UTC instant) is first moved into the cockpit's time
/// zone — the zone of its clock, the <see cref="TimeProvider"/>'s — then written. The culture picks the style in
/// <see cref="For"/>, the single switch: every culture reads the ISO style until another style is added there.
/// </summary>
public static class CockpitDates
{
    /// <summary>ISO 8601 days, 24-hour clock: unambiguous whatever the reader's country, and sorts as text.</summary>
    public static readonly DateStyle Iso = new(
        Day: "yyyy-MM-dd", Moment: "yyyy-MM-dd HH:mm", PreciseMoment: "yyyy-MM-dd HH:mm:ss", Time: "HH:mm",
        ExcelDay: "yyyy-mm-dd", ExcelMoment: "yyyy-mm-dd hh:mm", PlotlyDay: "%Y-%m-%d");

    /// <summary>The style of a culture. Today every culture reads ISO; a French style, when it comes, is chosen here.</summary>
    public static DateStyle For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Iso;
    }

    /// <summary>The style of the current request or circuit (the portal sets the culture from the browser).</summary>
    public static DateStyle Current => For(CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => day.ToString(Current.Day, CultureInfo.InvariantCulture);

    /// <summary>The day a stored UTC instant falls on in the cockpit's time zone.</summary>
    public static string Day(DateTime utc, TimeZoneInfo zone) => Local(utc, zone).ToString(Current.Day, CultureInfo.InvariantCulture);

    /// <summary>A stored UTC instant, to the minute, in the cockpit's time zone.</summary>
    public static string Moment(DateTime utc, TimeZoneInfo zone) => Local(utc, zone).ToString(Current.Moment, CultureInfo.InvariantCulture);

    /// <summary>A stored UTC instant, to the second, in the cockpit's time zone.</summary>
    public static string PreciseMoment(DateTime utc, TimeZoneInfo zone) =>
        Local(utc, zone).ToString(Current.PreciseMoment, CultureInfo.InvariantCulture);

    /// <summary>The time of day of a stored UTC instant in the cockpit's time zone.</summary>
    public static string Time(DateTime utc, TimeZoneInfo zone) => Local(utc, zone).ToString(Current.Time, CultureInfo.InvariantCulture);

    /// <summary>
    /// A stored instant on the cockpit's wall clock. Stored instants are UTC whatever their Kind says (SQLite hands them
    /// back Unspecified), so the Kind is not trusted.
    /// </summary>
    public static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
