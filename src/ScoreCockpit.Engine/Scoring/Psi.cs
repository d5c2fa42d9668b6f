namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// Population stability index: Σ (actual − expected) · ln(actual / expected) over bins, shares floored at
/// <see cref="Floor"/> so an empty bin counts as rare rather than infinite. Pure.
/// </summary>
public static class Psi
{
    public const double Floor = 1e-4;

    public static double Compute(IReadOnlyList<double> expectedShares, IReadOnlyList<double> actualShares)
    {
        if (expectedShares.Count != actualShares.Count || expectedShares.Count == 0)
        {
            throw new ArgumentException("PSI compares two distributions over the same bins.", nameof(actualShares));
        }

        double psi = 0;
        for (var i = 0; i < expectedShares.Count; i++)
        {
            var (e, a) = (Math.Max(expectedShares[i], Floor), Math.Max(actualShares[i], Floor));
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    /// <summary>Inner edges at the reference's deciles (distinct, so ties do not make empty bins); missing values get a bin of their own.</summary>
    public static double[] Edges(IReadOnlyList<double> reference, int bins = 10)
    {
        var sorted = reference.Where(double.IsFinite).ToArray();
        // An in-place sort: Order() is stable and keyed, several times slower on the 200,000 values of a drift sample.
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return [];
        }

        return Enumerable.Range(1, bins - 1).Select(k => sorted[Math.Min(sorted.Length - 1, (int)((long)k * sorted.Length / bins))])
            .Distinct().ToArray();
    }

    /// <summary>The share of values in each bin: below the first edge, between edges, from the last edge up, then missing.</summary>
    public static double[] Shares(IReadOnlyList<double> values, double[] edges)
    {
        var counts = new double[edges.Length + 2];
        foreach (var value in values)
        {
            counts[double.IsFinite(value) ? Bin(value, edges) : edges.Length + 1]++;
        }

        return counts.Select(c => values.Count == 0 ? 0 : c / values.Count).ToArray();
    }

    private static int Bin(double value, double[] edges)
    {
        var index = Array.BinarySearch(edges, value);
        // A value equal to an edge belongs to the bin that edge opens.
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The share of each category (text), with the reference's categories as bins plus one for any other.</summary>
    public static (double[] Expected, double[] Actual) CategoryShares(IReadOnlyList<string> reference, IReadOnlyList<string> current)
    {
        var levels = reference.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select((l, i) => (l, i))
            .ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        double[] Count(IReadOnlyList<string> values)
        {
            var counts = new double[levels.Count + 1];
            foreach (var value in values)
            {
                counts[levels.TryGetValue(value, out var i) ? i : levels.Count]++;
            }

            return counts.Select(c => values.Count == 0 ? 0 : c / values.Count).ToArray();
        }

        return (Count(reference), Count(current));
    }
}
