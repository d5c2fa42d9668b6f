using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Web.Components.Shared;

namespace ScoreCockpit.Web.Components.Pages.Quality;

/// <summary>How the Data quality page writes statuses, values and dates, in one place so tests read the same text.</summary>
public static class QualityText
{
    // Okabe–Ito: bluish green, orange, vermillion; told apart by word and shape too.
    public const string OkColour = "#009E73";
    public const string WarningColour = "#E69F00";
    public const string ErrorColour = "#D55E00";
    public const string LineColour = "#56B4E9";

    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    /// <summary>The page's texts in the current UI language, for callers without an injected localizer.</summary>
    internal static IStringLocalizer Words { get; } = Factory.Create(typeof(QualityWords));

    /// <summary>The portal's common words in the current UI language, likewise.</summary>
    internal static IStringLocalizer SharedWords { get; } = Factory.Create(typeof(SharedText));

    /// <summary>The status as checks and scenario conditions write it: OK, WARNING, ERROR (what is stored and compared).</summary>
    public static string Word(CheckStatus status) => QualityNames.Of(status);

    /// <summary>The status as the reader sees it, in their language.</summary>
    public static string Shown(CheckStatus status, IStringLocalizer? shared = null) => (shared ?? SharedWords)[status switch
    {
        CheckStatus.Ok => "CheckOk",
        CheckStatus.Warning => "CheckWarning",
        _ => "CheckError",
    }];

    /// <summary>A check's kind as stored ("bounds", "usual-range"…), shown in the reader's language.</summary>
    public static string Kind(string kind, IStringLocalizer? words = null) =>
        Enum.GetValues<CheckKind>().Where(k => QualityNames.Of(k) == kind).Select(k => (string)(words ?? Words)["Kind" + k]).FirstOrDefault() ?? kind;

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

    public static string Score(string? score, IStringLocalizer? words = null) => score ?? (words ?? Words)["NoScore"];
}
