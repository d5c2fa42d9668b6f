using System.Globalization;

namespace ScoreCockpit.Engine.Reporting;

public enum HealthLevel
{
    /// <summary>The active version has fewer than one out-of-time evaluation: nothing to judge yet.</summary>
    Unknown,
    Healthy,
    Watch,
    Decaying,
}

/// <summary>
/// The one-word health of a score on its report's cover: how far the active version's latest out-of-time AUC has
/// fallen below its first out-of-time AUC, both taken after its training window (not back-tests on older dates). Kept in one place so a portfolio-wide rule can replace it.
/// </summary>
public static class ReportHealth
{
    /// <summary>A drop above this (in AUC points) is worth watching.</summary>
    public const double WatchDrop = 0.03;

    /// <summary>A drop above this means the version is losing its edge: time to retrain or promote a challenger.</summary>
    public const double DecayingDrop = 0.06;

    public static string Rule => string.Create(CultureInfo.InvariantCulture,
        $"AUC drop of the active version from its first to its latest evaluation after its training window: up to {WatchDrop:0.00} Healthy, " +
        $"above {WatchDrop:0.00} Watch, above {DecayingDrop:0.00} Decaying.");

    public static HealthLevel Of(double? firstOutOfTimeAuc, double? latestOutOfTimeAuc)
    {
        if (firstOutOfTimeAuc is not { } first || latestOutOfTimeAuc is not { } latest)
        {
            return HealthLevel.Unknown;
        }

        var drop = first - latest;
        return drop > DecayingDrop ? HealthLevel.Decaying : drop > WatchDrop ? HealthLevel.Watch : HealthLevel.Healthy;
    }

    public static string Word(HealthLevel level) => level == HealthLevel.Unknown ? "Not evaluated yet" : level.ToString();
}
