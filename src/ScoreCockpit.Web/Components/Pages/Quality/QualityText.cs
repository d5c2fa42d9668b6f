using System.Globalization;
using MudBlazor;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Reporting;

namespace ScoreCockpit.Web.Components.Pages.Quality;

/// <summary>How the Data quality page writes statuses, values and dates, in one place so tests read the same text.</summary>
public static class QualityText
{
    // Okabe–Ito: bluish green, orange, vermillion; told apart by word and shape too.
    public const string OkColour = "#009E73";
    public const string WarningColour = "#E69F00";
    public const string ErrorColour = "#D55E00";
    public const string LineColour = "#56B4E9";

    /// <summary>The status as checks and scenario conditions write it: OK, WARNING, ERROR.</summary>
    public static string Word(CheckStatus status) => QualityNames.Of(status);

    public static Color Colour(CheckStatus status) => status switch
    {
        CheckStatus.Ok => Color.Success,
        CheckStatus.Warning => Color.Warning,
        _ => Color.Error,
    };

    public static string Hex(CheckStatus status) => status switch
    {
        CheckStatus.Ok => OkColour,
        CheckStatus.Warning => WarningColour,
        _ => ErrorColour,
    };

    /// <summary>A distinct icon per status, for readers who cannot tell the chip colours apart.</summary>
    public static string Icon(CheckStatus status) => status switch
    {
        CheckStatus.Ok => Icons.Material.Filled.CheckCircle,
        CheckStatus.Warning => Icons.Material.Filled.Warning,
        _ => Icons.Material.Filled.Error,
    };

    public static string Date(DateOnly date) => CockpitDates.Day(date);

    /// <summary>Counts as whole numbers, rates and means with up to 4 decimals, in the reader's culture.</summary>
    public static string Value(double? value) => value switch
    {
        null => "—",
        { } v when Math.Abs(v) >= 100 || v == Math.Round(v) => v.ToString("#,0.##", CultureInfo.CurrentCulture),
        { } v => v.ToString("0.####", CultureInfo.CurrentCulture),
    };

    public static string Score(string? score) => score ?? "(no score)";
}
