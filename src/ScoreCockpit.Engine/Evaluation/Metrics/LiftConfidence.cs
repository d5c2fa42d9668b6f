namespace ScoreCockpit.Engine.Evaluation;

/// <summary>Lift at the top <see cref="Percent"/> % with a bootstrap percentile interval.</summary>
public sealed record LiftInterval(decimal Percent, double Lift, double Lower, double Upper);

/// <summary>
/// A seeded (so repeatable) percentile bootstrap of lift. An exact binomial interval would treat the base rate as
/// known, but it is estimated from the same rows, so resampling rows is the honest choice. Rows are sorted once;
/// a resample only redraws how often each sorted row appears, O(n) with no further sort.
/// </summary>
public static class LiftConfidence
{
    /// <summary>Null when there are no positives (lift undefined).</summary>
    public static LiftInterval? Interval(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, decimal percent, double level = 0.95, int resamples = 1000, int seed = 42) =>
        Intervals(scores, labels, [percent], level, resamples, seed)[0];

    /// <summary>
    /// The interval at each cut-off from the same resamples: one pass of draws serves every cut-off, and the first
    /// cut-off's interval is the one <see cref="Interval"/> gives alone (same seed, same draws).
    /// </summary>
    public static IReadOnlyList<LiftInterval?> Intervals(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, IReadOnlyList<decimal> percents, double level = 0.95, int resamples = 1000, int seed = 42)
    {
        Metrics.Validate(scores, labels, percents);
        return Intervals(RankedRows.Of(scores, labels), percents, level, resamples, seed);
    }

    /// <summary>As above, from rows already validated and sorted (an evaluation sorts its rows once for every metric).</summary>
    internal static IReadOnlyList<LiftInterval?> Intervals(RankedRows ranked, IReadOnlyList<decimal> percents, double level, int resamples, int seed)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be strictly between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        var full = percents.Select(p => Lift(ranked.Groups, p)).ToArray();
        if (full.Length == 0 || full[0] is null)
        {
            // No positive: no cut-off has a lift.
            return [.. percents.Select(_ => (LiftInterval?)null)];
        }

        var draws = new Resampler(ranked, percents);
        var random = new BootstrapRandom(seed);
        var lifts = percents.Select(_ => new List<double>(resamples)).ToArray();
        var resampled = new double?[percents.Count];
        for (var r = 0; r < resamples; r++)
        {
            draws.Draw(ref random, resampled);
            for (var c = 0; c < percents.Count; c++)
            {
                // A resample without positives has no lift; dropping it is the usual percentile-bootstrap practice.
                if (resampled[c] is { } lift)
                {
                    lifts[c].Add(lift);
                }
            }
        }

        var tail = (1 - level) / 2;
        var intervals = new LiftInterval?[percents.Count];
        for (var c = 0; c < percents.Count; c++)
        {
            lifts[c].Sort();
            intervals[c] = new LiftInterval(percents[c], full[c]!.Value, Percentile(lifts[c], tail), Percentile(lifts[c], 1 - tail));
        }

        return intervals;
    }

    internal static double? Lift(TieGroups groups, decimal percent)
    {
        if (groups.TotalPositives == 0)
        {
            return null;
        }

        var take = Metrics.TopRows(groups.TotalRows, percent);
        return groups.PositivesInTop(take) / take / ((double)groups.TotalPositives / groups.TotalRows);
    }

    /// <summary>Linear interpolation between order statistics (numpy's default percentile).</summary>
    private static double Percentile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
