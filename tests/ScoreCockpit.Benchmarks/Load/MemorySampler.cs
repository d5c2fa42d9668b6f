using System.Diagnostics;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>The portal's resident memory every 10 s, with the minute it was read.</summary>
public sealed class MemorySampler(PortalProcess portal)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly List<(double Minute, double Megabytes)> _samples = [];

    public IReadOnlyList<(double Minute, double Megabytes)> Samples => _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (portal.ResidentMegabytes() is { } megabytes)
            {
                _samples.Add((clock.Elapsed.TotalMinutes, megabytes));
            }
        }
        while (await Tick(timer, stop));

        if (portal.ResidentMegabytes() is { } last)
        {
            _samples.Add((clock.Elapsed.TotalMinutes, last));
        }
    }

    /// <summary>
    /// MB per minute: the least-squares slope over the samples after the warm-up (the first 2 minutes, or the first
    /// 20 % of a shorter run), when the JIT, the caches and the connection pools have filled.
    /// </summary>
    public static double? Slope(IReadOnlyList<(double Minute, double Megabytes)> samples, double warmupMinutes)
    {
        var kept = samples.Where(s => s.Minute >= warmupMinutes).ToList();
        if (kept.Count < 3)
        {
            return null;
        }

        var (meanX, meanY) = (kept.Average(s => s.Minute), kept.Average(s => s.Megabytes));
        var sxx = kept.Sum(s => (s.Minute - meanX) * (s.Minute - meanX));
        return sxx == 0 ? null : kept.Sum(s => (s.Minute - meanX) * (s.Megabytes - meanY)) / sxx;
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
