namespace ScoreCockpit.Engine.Alerts;

/// <summary>How long a run may take before its reporters hear about it.</summary>
public static class DurationLimit
{
    public const int History = 20;

    /// <summary>
    /// The smaller of the fixed limit and the 95th percentile of the last 20 succeeded runs; the percentile counts
    /// only from <paramref name="minimumRuns"/> runs on, so a new scenario is not judged on two runs. Nearest-rank
    /// percentile: the value at rank ⌈0.95 × n⌉ of the n durations sorted ascending (the 19th of 20, the 5th of 5).
    /// A tie goes to the fixed limit, which is easier to explain. Null when neither applies.
    /// </summary>
    /// <param name="lastRuns">Durations of succeeded runs, newest first; only the first 20 count.</param>
    public static (TimeSpan Limit, string Reason)? Of(TimeSpan? fixedLimit, IReadOnlyList<TimeSpan> lastRuns, int minimumRuns = 5)
    {
        (TimeSpan Limit, string Reason)? best = fixedLimit is { } limit && limit > TimeSpan.Zero
            ? (limit, $"the fixed limit of {HumanDuration.Format(limit)}")
            : null;

        var recent = lastRuns.Take(History).ToList();
        if (recent.Count > 0 && recent.Count >= Math.Max(1, minimumRuns))
        {
            var p95 = Percentile95(recent);
            if (p95 > TimeSpan.Zero && (best is null || p95 < best.Value.Limit))
            {
                best = (p95, $"the 95th percentile of the last {recent.Count} runs ({HumanDuration.Format(p95)})");
            }
        }

        return best;
    }

    /// <summary>Nearest rank: ⌈0.95 × n⌉-th smallest, so the result is always one of the observed durations.</summary>
    public static TimeSpan Percentile95(IReadOnlyList<TimeSpan> durations)
    {
        ArgumentOutOfRangeException.ThrowIfZero(durations.Count);
        var sorted = durations.Order().ToList();
        var rank = (int)Math.Ceiling(0.95 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
