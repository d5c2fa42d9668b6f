using System.Globalization;
using MudBlazor;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Web.Components.Pages.Overview;

/// <summary>How the portfolio's figures read: AUC to 3 decimals, lift to 2, a change with its arrow and sign.</summary>
public static class PortfolioFormat
{
    /// <summary>
    /// The theme's blue for better, its orange for worse (Okabe–Ito, lighter on the dark theme): apart for colour-blind
    /// readers, and the arrow and sign say it too.
    /// </summary>
    public const string Better = "var(--mud-palette-primary)";

    public const string Worse = "var(--mud-palette-error)";

    public static string Auc(double? value) => value?.ToString("0.000", CultureInfo.CurrentCulture) ?? "—";

    public static string Lift(double? value) => value?.ToString("0.00", CultureInfo.CurrentCulture) ?? "—";

    public static string Change(double? change) => change switch
    {
        null => "",
        > 0 => "▲ +" + change.Value.ToString("0.000", CultureInfo.CurrentCulture),
        < 0 => "▼ −" + (-change.Value).ToString("0.000", CultureInfo.CurrentCulture),
        _ => "= " + 0.0.ToString("0.000", CultureInfo.CurrentCulture),
    };

    public static string? ChangeColour(double? change) => change switch
    {
        > 0 => Better,
        < 0 => Worse,
        _ => null,
    };

    /// <summary>The health word in the reader's language.</summary>
    public static string HealthWord(HealthLevel level) => HealthRules.WordIn(level, CultureInfo.CurrentUICulture);

    public static Color HealthColour(HealthLevel level) => level switch
    {
        HealthLevel.Decaying => Color.Error,
        HealthLevel.Watch => Color.Warning,
        HealthLevel.Healthy => Color.Success,
        _ => Color.Default,
    };

    public static string HealthIcon(HealthLevel level) => level switch
    {
        HealthLevel.Decaying => Icons.Material.Filled.TrendingDown,
        HealthLevel.Watch => Icons.Material.Filled.Visibility,
        HealthLevel.Healthy => Icons.Material.Filled.CheckCircle,
        _ => Icons.Material.Filled.HourglassEmpty,
    };

    public static Color RunColour(ScoringStatus? status) => status switch
    {
        ScoringStatus.Succeeded => Color.Success,
        ScoringStatus.Failed or ScoringStatus.Interrupted => Color.Error,
        ScoringStatus.Running => Color.Info,
        _ => Color.Default,
    };

    public static string Psi(double? psi, string level) =>
        psi is { } value ? $"{value.ToString("0.00", CultureInfo.CurrentCulture)} {level}" : "—";
}
