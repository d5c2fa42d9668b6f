using System.Globalization;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// Ranking and calibration metrics of scores against 0/1 labels, following the conventions written in
/// the scikit-learn oracle, tests/ScoreCockpit.Engine.Tests/Evaluation/Oracles/metrics.json (scikit-learn's): ties count 1/2 in AUC and are shared pro rata at a lift cut.
/// Pure; one sort for everything.
/// </summary>
public static class Metrics
{
    public static readonly IReadOnlyList<decimal> DefaultCutoffs = [1m, 5m, 10m, 20m];

    private const string OneClassReason = "the labels hold one class only";

    // scikit-learn's historical clipping, written into the oracle's conventions.
    internal const double LogLossEpsilon = 1e-15;

    public static MetricSet Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, IReadOnlyList<decimal>? cutoffs = null)
    {
        cutoffs ??= DefaultCutoffs;
        Validate(scores, labels, cutoffs);
        return Compute(RankedRows.Of(scores, labels).Groups, scores, labels, cutoffs);
    }

    /// <summary>As above, from rows already validated and grouped (an evaluation sorts its rows once for every metric).</summary>
    internal static MetricSet Compute(TieGroups groups, ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, IReadOnlyList<decimal> cutoffs)
    {
        long n = groups.TotalRows, positives = groups.TotalPositives, negatives = n - positives;
        var baseRate = (double)positives / n;
        var ranked = positives > 0 && negatives > 0;
        var auc = ranked ? Auc(groups) : (double?)null;

        return new MetricSet
        {
            Rows = n,
            Positives = positives,
            BaseRate = baseRate,
            Auc = auc,
            Gini = 2 * auc - 1,
            Ks = ranked ? Ks(groups) : null,
            Cutoffs = [.. cutoffs.Select(k => Cutoff(groups, k))],
            Deciles = Deciles(groups),
            Brier = Brier(scores, labels),
            LogLoss = LogLoss(scores, labels),
            UndefinedReason = UndefinedReason(positives, negatives),
        };
    }

    /// <summary>Why some metrics are null for these class counts, or null; shared with the metrics computed in SQL.</summary>
    internal static string? UndefinedReason(long positives, long negatives) =>
        positives > 0 && negatives > 0 ? null
        : positives == 0 ? $"{OneClassReason} (no positives): AUC, Gini, KS, lift and capture are undefined"
        : $"{OneClassReason} (no negatives): AUC, Gini and KS are undefined";

    internal static void Validate(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, IReadOnlyList<decimal> cutoffs)
    {
        if (scores.Length != labels.Length)
        {
            throw new MetricInputException($"There are {scores.Length} scores but {labels.Length} labels; each row needs both.");
        }

        if (scores.Length == 0)
        {
            throw new MetricInputException("There are no rows to evaluate.");
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw NotFinite(i + 1, scores[i]);
            }
        }

        ValidateCutoffs(cutoffs);
    }

    internal static void ValidateCutoffs(IReadOnlyList<decimal> cutoffs)
    {
        foreach (var k in cutoffs)
        {
            if (k <= 0 || k > 100)
            {
                throw new MetricInputException(
                    $"The cut-off {k.ToString(CultureInfo.InvariantCulture)} % is outside (0, 100].");
            }
        }
    }

    /// <summary>The message for a score that is not a finite number, at 1-based <paramref name="row"/>.</summary>
    internal static MetricInputException NotFinite(long row, double score) =>
        new($"Row {row}: the score is {score.ToString(CultureInfo.InvariantCulture)}; scores must be finite numbers.") { Row = row };

    /// <summary>Mann-Whitney over groups, in exact integer arithmetic (twice the concordant pair count).</summary>
    private static double Auc(TieGroups groups)
    {
        var negatives = groups.TotalRows - groups.TotalPositives;
        long negativesBelow = negatives;
        Int128 twiceConcordant = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var groupNegatives = groups.Rows[g] - groups.PositivesIn[g];
            negativesBelow -= groupNegatives;
            twiceConcordant += ((Int128)groups.PositivesIn[g] * ((2 * negativesBelow) + groupNegatives));
        }

        return (double)twiceConcordant / (2.0 * groups.TotalPositives * negatives);
    }

    private static double Ks(TieGroups groups)
    {
        double positives = groups.TotalPositives, negatives = groups.TotalRows - groups.TotalPositives;
        var best = 0.0;
        for (var g = 0; g < groups.Count; g++)
        {
            var caught = groups.CumulativePositives[g];
            best = Math.Max(best, (caught / positives) - ((groups.CumulativeRows[g] - caught) / negatives));
        }

        return best;
    }

    internal static double TopRows(long n, decimal percent) => (double)(percent * n / 100m);

    private static CutoffMetric Cutoff(TieGroups groups, decimal percent)
    {
        if (groups.TotalPositives == 0)
        {
            return new CutoffMetric(percent, null, null);
        }

        var take = TopRows(groups.TotalRows, percent);
        var caught = groups.PositivesInTop(take);
        var baseRate = (double)groups.TotalPositives / groups.TotalRows;
        return new CutoffMetric(percent, caught / take / baseRate, caught / groups.TotalPositives);
    }

    private static DecileRow[] Deciles(TieGroups groups)
    {
        long n = groups.TotalRows, positives = groups.TotalPositives;
        var baseRate = (double)positives / n;
        var rows = new DecileRow[10];
        double previousTake = 0, previousCaught = 0;
        for (var d = 1; d <= 10; d++)
        {
            var take = TopRows(n, d * 10m);
            var caught = groups.PositivesInTop(take);
            double size = take - previousTake, inDecile = caught - previousCaught;
            double? rate = size > 0 ? inDecile / size : null;
            rows[d - 1] = new DecileRow(
                d, size, inDecile, rate,
                positives > 0 ? caught / positives : null,
                positives > 0 ? rate / baseRate : null);
            (previousTake, previousCaught) = (take, caught);
        }

        return rows;
    }

    private static double Brier(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            var error = scores[i] - (labels[i] ? 1 : 0);
            sum += error * error;
        }

        return sum / scores.Length;
    }

    private static double LogLoss(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var sum = 0.0;
        for (var i = 0; i < scores.Length; i++)
        {
            var p = Math.Clamp(scores[i], LogLossEpsilon, 1 - LogLossEpsilon);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / scores.Length;
    }
}
