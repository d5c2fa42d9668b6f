namespace ScoreCockpit.Engine.Evaluation;

/// <summary>An AUC with its two-sided normal confidence interval (clipped to [0, 1]) and DeLong standard error.</summary>
public sealed record AucInterval(double Auc, double Lower, double Upper, double StandardError);

/// <summary>AUC of model A minus AUC of model B on the same rows, with interval, standard error and two-sided p-value.</summary>
public sealed record AucDifference(double Difference, double Lower, double Upper, double StandardError, double PValue);

/// <summary>
/// DeLong, DeLong and Clarke-Pearson (1988) variance of the AUC, computed the fast way of Sun and Xu (2014):
/// each row's placement (the share of the other class it outranks, ties 1/2) comes from midranks after one sort,
/// so the cost is O(n log n) instead of O(positives × negatives).
/// </summary>
public static class DeLong
{
    /// <summary>Null when the labels hold one class only. With a single row of a class that class adds no variance term.</summary>
    public static AucInterval? Interval(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double level = 0.95)
    {
        var z = NormalDistribution.Critical(level);
        Metrics.Validate(scores, labels, []);
        return Interval(RankedRows.Of(scores, labels).Groups, z);
    }

    /// <summary>As above, from rows already validated and grouped; <paramref name="z"/> is the level's critical value.</summary>
    internal static AucInterval? Interval(TieGroups groups, double z)
    {
        long m = groups.TotalPositives, n = groups.TotalRows - m;
        if (m == 0 || n == 0)
        {
            return null;
        }

        // Placements are equal within a tie group, so the variances are weighted sums over groups.
        double auc = 0, positivesAbove = 0, negativesBelow = n;
        var positivePlacements = new double[groups.Count];
        var negativePlacements = new double[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            double p = groups.PositivesIn[g], q = groups.Rows[g] - p;
            negativesBelow -= q;
            positivePlacements[g] = (negativesBelow + (q / 2)) / n;
            negativePlacements[g] = (positivesAbove + (p / 2)) / m;
            auc += p * positivePlacements[g] / m;
            positivesAbove += p;
        }

        double s10 = 0, s01 = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            double p = groups.PositivesIn[g], q = groups.Rows[g] - p;
            s10 += p * Square(positivePlacements[g] - auc);
            s01 += q * Square(negativePlacements[g] - auc);
        }

        var se = Math.Sqrt((SampleVariance(s10, m) / m) + (SampleVariance(s01, n) / n));
        return new AucInterval(auc, Math.Max(0, auc - (z * se)), Math.Min(1, auc + (z * se)), se);
    }

    /// <summary>A minus B on the same rows and labels; null when the labels hold one class only.</summary>
    public static AucDifference? Difference(ReadOnlySpan<double> scoresA, ReadOnlySpan<double> scoresB, ReadOnlySpan<bool> labels, double level = 0.95)
    {
        var z = NormalDistribution.Critical(level);
        Metrics.Validate(scoresA, labels, []);
        Metrics.Validate(scoresB, labels, []);
        long m = 0;
        foreach (var label in labels)
        {
            m += label ? 1 : 0;
        }

        long n = labels.Length - m;
        if (m == 0 || n == 0)
        {
            return null;
        }

        var (a, aucA) = Placements(scoresA, labels, m, n);
        var (b, aucB) = Placements(scoresB, labels, m, n);
        double s10 = 0, s01 = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            // Both classes' placements average the AUC; the variance of A - B is that of the placement differences.
            var centred = (a[i] - aucA) - (b[i] - aucB);
            if (labels[i])
            {
                s10 += centred * centred;
            }
            else
            {
                s01 += centred * centred;
            }
        }

        var difference = aucA - aucB;
        var se = Math.Sqrt((SampleVariance(s10, m) / m) + (SampleVariance(s01, n) / n));
        var pValue = se > 0 ? 2 * NormalDistribution.Cdf(-Math.Abs(difference) / se) : difference == 0 ? 1 : 0;
        return new AucDifference(difference, difference - (z * se), difference + (z * se), se, pValue);
    }

    /// <summary>Each row's placement: for a positive, the share of negatives it outranks; for a negative, the share of positives above it (ties 1/2).</summary>
    private static (double[] Placements, double Auc) Placements(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, long m, long n)
    {
        var keys = scores.ToArray();
        var order = new int[keys.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var placements = new double[keys.Length];
        double auc = 0, positivesAbove = 0, negativesBelow = n;
        for (var end = keys.Length; end > 0;)
        {
            var start = end - 1;
            while (start > 0 && keys[start - 1] == keys[end - 1])
            {
                start--;
            }

            double p = 0;
            for (var k = start; k < end; k++)
            {
                p += labels[order[k]] ? 1 : 0;
            }

            var q = end - start - p;
            negativesBelow -= q;
            double positivePlacement = (negativesBelow + (q / 2)) / n, negativePlacement = (positivesAbove + (p / 2)) / m;
            for (var k = start; k < end; k++)
            {
                placements[order[k]] = labels[order[k]] ? positivePlacement : negativePlacement;
            }

            auc += p * positivePlacement / m;
            positivesAbove += p;
            end = start;
        }

        return (placements, auc);
    }

    private static double SampleVariance(double sumOfSquares, long count) => count > 1 ? sumOfSquares / (count - 1) : 0;

    private static double Square(double x) => x * x;
}
