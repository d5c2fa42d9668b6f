using System.Globalization;

namespace ScoreCockpit.Benchmarks.Training;

/// <summary>
/// The process's peak resident set from /proc/self/status (VmHWM): native memory included (DuckDB, LightGBM, the
/// FastTree bins), which BenchmarkDotNet's memory diagnoser, counting managed allocations only, would not see.
/// </summary>
public static class PeakMemory
{
    /// <summary>
    /// Lowers the peak to the current resident set (Linux ≥ 4.0: writing 5 to clear_refs), so that a later
    /// <see cref="PeakMegabytes"/> is the peak of what ran in between; false where the kernel refuses it.
    /// </summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static double PeakMegabytes() => Read("VmHWM:");

    public static double CurrentMegabytes() => Read("VmRSS:");

    private static double Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = line[field.Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024.0;
    }
}
