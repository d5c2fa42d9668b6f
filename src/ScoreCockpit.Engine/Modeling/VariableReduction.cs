using System.Globalization;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// The decisions of variable reduction, from facts measured in the warehouse (<see cref="ColumnCensus"/>) or by a first
/// fit (<see cref="Importance"/>). Pure and deterministic: ties are broken by name, so the same data drops the same columns.
/// </summary>
internal static class VariableReduction
{
    /// <summary>
    /// Correlations are measured in floating point: a duplicated column may come out at 0.9999999999999998, and a
    /// threshold of 1 must still drop it.
    /// </summary>
    private const double Tolerance = 1e-9;

    /// <summary>Constant columns (one value, or none) and those missing on at least the allowed share of the rows.</summary>
    public static List<DroppedFeature> Sparse(IEnumerable<FeatureColumn> features, long rows,
        IReadOnlyDictionary<string, ColumnFacts> facts, ReductionSettings settings)
    {
        var dropped = new List<DroppedFeature>();
        foreach (var feature in features)
        {
            var fact = facts[feature.Name];
            var missingShare = rows > 0 ? (double)fact.Missing / rows : 1;
            if (fact.Constant)
            {
                dropped.Add(new DroppedFeature(feature.Name, $"constant (always {fact.Value ?? "missing"})"));
            }
            else if (missingShare >= settings.MaxMissingShare)
            {
                dropped.Add(new DroppedFeature(feature.Name, string.Create(CultureInfo.InvariantCulture,
                    $"mostly missing ({missingShare:0.# %} missing ≥ {settings.MaxMissingShare:0.# %})")));
            }
        }

        return dropped;
    }

    /// <summary>
    /// One of each pair at or above the threshold, strongest pairs first: the one with more missing values goes, then
    /// the later by name. A pair whose member already went is skipped, so of three copies of a column one stays.
    /// </summary>
    public static List<DroppedFeature> Correlated(IEnumerable<Correlation> pairs, IReadOnlyDictionary<string, ColumnFacts> facts,
        double threshold)
    {
        var dropped = new List<DroppedFeature>();
        var gone = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var strong = pairs.Where(p => p.R >= threshold - Tolerance)
            .OrderByDescending(p => p.R).ThenBy(p => p.First, StringComparer.Ordinal).ThenBy(p => p.Second, StringComparer.Ordinal);
        foreach (var pair in strong)
        {
            if (gone.Contains(pair.First) || gone.Contains(pair.Second))
            {
                continue;
            }

            var byMissing = facts[pair.First].Missing.CompareTo(facts[pair.Second].Missing);
            var firstGoes = byMissing > 0 || (byMissing == 0 && string.CompareOrdinal(pair.First, pair.Second) > 0);
            var (goes, stays) = firstGoes ? (pair.First, pair.Second) : (pair.Second, pair.First);
            gone.Add(goes);
            dropped.Add(new DroppedFeature(goes, string.Create(CultureInfo.InvariantCulture,
                $"correlated with {stays} (|r| = {Math.Min(pair.R, 1):0.00} ≥ {threshold:0.###})")));
        }

        return dropped;
    }

    /// <summary>The features past the first <paramref name="k"/> of an importance list (largest first, ties by name).</summary>
    public static List<DroppedFeature> OutsideTop(IReadOnlyList<FeatureImportance> importance, int k) =>
        importance.Skip(k).Select(f => new DroppedFeature(f.Column, $"not in the top {k} by importance")).ToList();
}
