using System.Globalization;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// The variable-reduction rules of a score, applied before every training: drop constant and mostly-missing columns,
/// one of each highly correlated pair, and optionally all but the <see cref="TopK"/> most important features.
/// Part of the score definition, so each score sets its own thresholds.
/// </summary>
public sealed record ReductionSettings
{
    /// <summary>Off: every usable feature is kept (identifiers, dates and features in no snapshot still drop).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>A feature missing on at least this share of the training rows is dropped; in (0, 1], 1 drops only empty ones.</summary>
    public double MaxMissingShare { get; init; } = 0.95;

    /// <summary>Of two numeric or boolean features with |Pearson r| at least this, one is dropped; in (0, 1].</summary>
    public double MaxCorrelation { get; init; } = 0.95;

    /// <summary>Keep only this many features, the most important after a first fit (null keeps all); at least 1.</summary>
    public int? TopK { get; init; }

    /// <summary>The problems of these thresholds, each naming its field; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        // Written as !(in range) so NaN is refused too.
        if (!(MaxMissingShare > 0 && MaxMissingShare <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Reduction: maxMissingShare must be above 0 and at most 1 (a share of the rows, 0.95 = 95 %), not {MaxMissingShare}."));
        }

        if (!(MaxCorrelation > 0 && MaxCorrelation <= 1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"Reduction: maxCorrelation must be above 0 and at most 1 (an absolute Pearson correlation), not {MaxCorrelation}."));
        }

        if (TopK is < 1)
        {
            problems.Add($"Reduction: topK must be at least 1 (or empty to keep every feature), not {TopK}.");
        }

        return problems;
    }
}
