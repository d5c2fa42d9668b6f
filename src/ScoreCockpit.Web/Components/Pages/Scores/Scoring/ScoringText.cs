using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Web.Components.Pages.Scores.Scoring;

/// <summary>How the Scoring tab writes figures, levels and download links, in one place so tests read the same text.</summary>
public static class ScoringText
{
    public static string Date(DateOnly date) => CockpitDates.Day(date);

    /// <summary>A date as the download routes read it, whatever the reader's culture.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Psi(double? psi) => psi?.ToString("0.000", CultureInfo.CurrentCulture) ?? "—";

    public static string Mean(double? mean) => mean?.ToString("0.000", CultureInfo.CurrentCulture) ?? "—";

    public static string Rows(long rows) => rows.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The download endpoints serve the output table for one reference date (the route is shared with the download handlers).</summary>
    public static string CsvUrl(string score, DateOnly date) => $"/scores/{Uri.EscapeDataString(score)}/scores.csv?date={Iso(date)}";

    public static string ExcelUrl(string score, DateOnly date) => $"/scores/{Uri.EscapeDataString(score)}/scores.xlsx?date={Iso(date)}";

    /// <summary>The drift level's words: the chip always says them, so the colour is never the only signal.</summary>
    public static string LevelText(string level, IStringLocalizer<ScoringWords> words) => level switch
    {
        "ok" => words["LevelOk"],
        "warning" => words["LevelWarning"],
        "alert" => words["LevelAlert"],
        _ => words["LevelNone"],
    };

    /// <summary>A run's status in words, in the reader's language; the stored status stays the enum's name.</summary>
    public static string StatusText(ScoringStatus status, IStringLocalizer<ScoringWords> words) => status switch
    {
        ScoringStatus.Succeeded => words["RunSucceeded"],
        ScoringStatus.Failed => words["RunFailed"],
        ScoringStatus.Interrupted => words["RunInterrupted"],
        _ => words["RunRunning"],
    };

    public static Color LevelColour(string level) => level switch
    {
        "ok" => Color.Success,
        "warning" => Color.Warning,
        "alert" => Color.Error,
        _ => Color.Default,
    };

    /// <summary>A distinct icon shape per level, for readers who cannot tell the chip colours apart.</summary>
    public static string LevelIcon(string level) => level switch
    {
        "ok" => Icons.Material.Filled.CheckCircle,
        "warning" => Icons.Material.Filled.Warning,
        "alert" => Icons.Material.Filled.Report,
        _ => Icons.Material.Filled.Remove,
    };

    public static Color StatusColour(ScoringStatus status) => status switch
    {
        ScoringStatus.Succeeded => Color.Success,
        ScoringStatus.Failed => Color.Error,
        ScoringStatus.Interrupted => Color.Warning,
        _ => Color.Info,
    };

    public static string StatusIcon(ScoringStatus status) => status switch
    {
        ScoringStatus.Succeeded => Icons.Material.Filled.CheckCircle,
        ScoringStatus.Failed => Icons.Material.Filled.Error,
        ScoringStatus.Interrupted => Icons.Material.Filled.PowerOff,
        _ => Icons.Material.Filled.HourglassTop,
    };

    /// <summary>Runs come newest first; the charts compare successful runs only, as the engine's PSI does.</summary>
    public static ScoringRunView? LatestSucceeded(IReadOnlyList<ScoringRunView> runs) =>
        runs.FirstOrDefault(r => r.Status == ScoringStatus.Succeeded);

    public static ScoringRunView? PreviousSucceeded(IReadOnlyList<ScoringRunView> runs) =>
        runs.Where(r => r.Status == ScoringStatus.Succeeded).Skip(1).FirstOrDefault();
}
