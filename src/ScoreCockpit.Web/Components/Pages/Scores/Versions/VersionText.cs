using System.Globalization;
using Microsoft.Extensions.Localization;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Web.Components.Pages.Scores.Versions;

/// <summary>How the version page writes sizes, durations, hashes and dates, kept in one place so the tests read the same text.</summary>
public static class VersionText
{
    public static string Date(DateOnly date) => CockpitDates.Day(date);

    /// <summary>The first 12 hex digits: enough to tell artifacts apart on screen; the full hash goes in the tooltip.</summary>
    public static string ShortSha(string sha256) => sha256.Length > 12 ? sha256[..12] + "…" : sha256;

    /// <summary>A column kind in words, in the reader's language (lower case, as in the tables).</summary>
    public static string Kind(ColumnKind kind, IStringLocalizer<VersionWords> words) => words["Kind" + kind];

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0 'KB'", CultureInfo.CurrentCulture),
        _ => (bytes / (1024.0 * 1024)).ToString("0.0 'MB'", CultureInfo.CurrentCulture),
    };

    public static string Duration(long milliseconds) => TimeSpan.FromMilliseconds(milliseconds) switch
    {
        { TotalSeconds: < 60 } t => t.TotalSeconds.ToString("0.0 's'", CultureInfo.CurrentCulture),
        { TotalHours: < 1 } t => $"{(int)t.TotalMinutes} min {t.Seconds} s",
        var t => $"{(int)t.TotalHours} h {t.Minutes} min",
    };
}
