using System.Globalization;

namespace ScoreCockpit.Engine.Alerts;

/// <summary>How long a run may take before its reporters hear about it.</summary>
public static class DurationLimit
{
    public const int History = 20;

    /// <summary>The learnt limit is at least this multiple of the recent runs' 95th percentile.</summary>
    public const double PercentileMargin = 1.5;

    /// <summary>The learnt limit is at least the median plus this many spreads (scaled MAD).</summary>
    public const double Spreads = 5;

    /// <summary>
    /// Scales the median absolute deviation so that it reads as a standard deviation on normally distributed
    /// durations (1 / Φ⁻¹(0.75)).
    /// </summary>
    private const double MadToSigma = 1.4826;

    /// <summary>
    /// The smaller of the fixed limit and the limit learnt from the last 20 succeeded runs; the learnt limit counts
    /// only from <paramref name="minimumRuns"/> runs on, so a new scenario is not judged on two runs.
    /// <para>
    /// The learnt limit is the larger of 1.5 × the nearest-rank 95th percentile and median + 5 × spread (the MAD
    /// scaled to a standard deviation). The 95th percentile alone is the 19th of 20 runs: a next run from the same
    /// distribution beats it about once in ten (2 chances in 21), which is why it carries a margin. Simulated on
    /// lognormal, normal and slowly growing histories, fewer than 1 % of normal runs pass it while a run three
    /// times the median still does (DurationLimitTests). The spread term keeps the limit above the noise when a
    /// history is unusually tight at the top but wide in the middle.
    /// </para>
    /// A tie goes to the fixed limit, which is easier to explain. Null when neither applies.
    /// </summary>
    /// <param name="lastRuns">Durations of succeeded runs, newest first; only the first 20 count.</param>
    /// <param name="culture">The language of the reason; null is English.</param>
    public static (TimeSpan Limit, string Reason)? Of(
        TimeSpan? fixedLimit, IReadOnlyList<TimeSpan> lastRuns, int minimumRuns = 5, CultureInfo? culture = null)
    {
        (TimeSpan Limit, string Reason)? best = fixedLimit is { } limit && limit > TimeSpan.Zero
            ? (limit, MailLanguage.Texts(culture).Format("LimitFixed", HumanDuration.Format(limit, culture)))
            : null;

        var recent = lastRuns.Take(History).ToList();
        if (recent.Count > 0 && recent.Count >= Math.Max(1, minimumRuns))
        {
            var learnt = Learnt(recent, culture);
            if (learnt.Limit > TimeSpan.Zero && (best is null || learnt.Limit < best.Value.Limit))
            {
                best = learnt;
            }
        }

        return best;
    }

    /// <summary>The limit learnt from recent durations alone, with the reason a person reads in the mail.</summary>
    /// <param name="culture">The language of the reason; null is English.</param>
    public static (TimeSpan Limit, string Reason) Learnt(IReadOnlyList<TimeSpan> recent, CultureInfo? culture = null)
    {
        var texts = MailLanguage.Texts(culture);
        string Human(TimeSpan duration) => HumanDuration.Format(duration, culture);
        var p95 = Percentile95(recent);
        var median = Median(recent);
        var spread = Spread(recent, median);
        var byPercentile = p95 * PercentileMargin;
        var bySpread = median + spread * Spreads;
        var learnt = texts.Format("LimitLearnt", recent.Count);
        return byPercentile >= bySpread
            ? (Round(byPercentile), texts.Format("LimitByPercentile", learnt, Human(Round(byPercentile)), PercentileMargin, Human(p95)))
            : (Round(bySpread), texts.Format("LimitBySpread", learnt, Human(Round(bySpread)), Human(median), Spreads, Human(spread)));
    }

    /// <summary>Nearest rank: ⌈0.95 × n⌉-th smallest, so the result is always one of the observed durations.</summary>
    public static TimeSpan Percentile95(IReadOnlyList<TimeSpan> durations)
    {
        ArgumentOutOfRangeException.ThrowIfZero(durations.Count);
        var sorted = durations.Order().ToList();
        var rank = (int)Math.Ceiling(0.95 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>The middle duration, or the mean of the two middle ones.</summary>
    public static TimeSpan Median(IReadOnlyList<TimeSpan> durations)
    {
        ArgumentOutOfRangeException.ThrowIfZero(durations.Count);
        var sorted = durations.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Median absolute deviation from the median, scaled to read as a standard deviation.</summary>
    public static TimeSpan Spread(IReadOnlyList<TimeSpan> durations, TimeSpan median) =>
        Median(durations.Select(d => (d - median).Duration()).ToList()) * MadToSigma;

    // Whole seconds: the limit is read in a mail, and sub-second precision only makes two reads of it differ.
    private static TimeSpan Round(TimeSpan limit) => TimeSpan.FromSeconds(Math.Ceiling(limit.TotalSeconds));
}
