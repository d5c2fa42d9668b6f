using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

/// <summary>What happens to fire times missed while the portal was down (older than the grace period).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CatchUpPolicy>))]
public enum CatchUpPolicy
{
    /// <summary>Missed fire times are dropped.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Only the latest missed fire time runs, and none when one is on time (the default).</summary>
    [JsonStringEnumMemberName("latest")]
    Latest,

    /// <summary>Every missed fire time runs, oldest first.</summary>
    [JsonStringEnumMemberName("all")]
    All,
}

/// <summary>The fire times to run now, and those dropped (for the caller to record, so a skip is never silent).</summary>
public sealed record CatchUpPlan(IReadOnlyList<DateTimeOffset> Run, IReadOnlyList<DateTimeOffset> Dropped);

/// <summary>Decides which due fire times run after a pause (restart, downtime, a slow tick).</summary>
public static class CatchUp
{
    public const CatchUpPolicy DefaultPolicy = CatchUpPolicy.Latest;

    /// <summary>How late a fire time may be and still count as on time.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(5);

    public static CatchUpPlan Plan(IReadOnlyList<DateTimeOffset> dueTimes, DateTimeOffset now, CatchUpPolicy policy) =>
        Plan(dueTimes, now, policy, DefaultGrace);

    /// <summary>
    /// A due time at most <paramref name="grace"/> before <paramref name="now"/> is on time and always runs. Older ones
    /// are missed: <see cref="CatchUpPolicy.None"/> drops them, <see cref="CatchUpPolicy.Latest"/> runs the latest of
    /// them only when nothing is on time, <see cref="CatchUpPolicy.All"/> runs them all. Both lists are in time order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A due time is after <paramref name="now"/>, or the grace is negative.</exception>
    public static CatchUpPlan Plan(IReadOnlyList<DateTimeOffset> dueTimes, DateTimeOffset now, CatchUpPolicy policy, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(dueTimes);
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        if (!Enum.IsDefined(policy))
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown catch-up policy.");
        var due = dueTimes.Distinct().Order().ToList();
        if (due.Count > 0 && due[^1] > now)
            throw new ArgumentOutOfRangeException(nameof(dueTimes), due[^1], $"A fire time after now ({now:O}) is not due yet.");

        var onTime = due.Where(t => now - t <= grace).ToList();
        var missed = due.Where(t => now - t > grace).ToList();
        var caughtUp = policy switch
        {
            CatchUpPolicy.All => missed,
            CatchUpPolicy.Latest when onTime.Count == 0 && missed.Count > 0 => [missed[^1]],
            _ => [],
        };
        var run = caughtUp.Concat(onTime).ToList();
        var dropped = missed.Except(caughtUp).ToList();
        return new CatchUpPlan(run, dropped);
    }
}
