using System.Globalization;
using System.Text;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>The load run's figures, as markdown, and whether they pass the release gate (no error, every p95 under 1 s).</summary>
public sealed record LoadReport(
    LoadOptions Options, DateTimeOffset StartedAt, TimeSpan Measured, IReadOnlyDictionary<string, IReadOnlyList<double>> Times,
    int Errors, IReadOnlyList<string> FirstErrors, IReadOnlyList<double> RetrainSeconds, IReadOnlyList<string> RetrainFailures,
    IReadOnlyList<(double Minute, double Megabytes)> Memory, string LoadAverageBefore, string LoadAverageAfter)
{
    public const double P95LimitMs = 1000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Samples before this minute are the warm-up, left out of the memory slope.</summary>
    public double WarmupMinutes => Math.Min(2, Options.Minutes * 0.2);

    public IReadOnlyList<double> AllPages =>
        [.. VirtualUser.Pages.SelectMany(p => Times.GetValueOrDefault(p) ?? []).Order()];

    public double? MemorySlope => MemorySampler.Slope(Memory, WarmupMinutes);

    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = new List<string>();
            if (Errors > 0)
            {
                failures.Add($"{Errors} request(s) failed");
            }

            foreach (var page in VirtualUser.Pages.Append(AllPagesLabel))
            {
                var times = page == AllPagesLabel ? AllPages : Times.GetValueOrDefault(page) ?? [];
                if (times.Count == 0)
                {
                    failures.Add($"no {page} request was measured");
                }
                else if (Percentile(times, 0.95) >= P95LimitMs)
                {
                    failures.Add($"{page} p95 {Percentile(times, 0.95):0} ms is not under {P95LimitMs:0} ms");
                }
            }

            if (RetrainFailures.Count > 0)
            {
                failures.Add($"{RetrainFailures.Count} retrain run(s) failed");
            }

            return failures;
        }
    }

    private const string AllPagesLabel = "all pages";

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        var viewers = (Options.Users + 1) / 2;
        Line($"# Load run of {StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC");
        Line();
        Line($"- Command: `dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- load --users {Options.Users} " +
             $"--minutes {Options.Minutes.ToString(Invariant)} --think-ms {Options.ThinkMs}" + (Options.DemoFrom is null ? "`" : " --demo-from DIR`"));
        Line(Options.DemoFrom is null
            ? "- Demo installed by the portal on its empty data folder, default size"
            : $"- Demo copied from {Options.DemoFrom} (prepared with `scorecockpit init --demo`)");
        Line($"- Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
             $".NET {Environment.Version}; load average (1, 5, 15 min) before the run {LoadAverageBefore}, after {LoadAverageAfter}");
        Line($"- {Options.Users} virtual users ({viewers} Viewers, {Options.Users - viewers} Analysts), think time " +
             $"{Options.ThinkMs / 2}–{Options.ThinkMs * 3 / 2} ms after each page, measured for {Measured.TotalMinutes:0.0} minutes");
        Line();
        Line("| Request | Count | p50 ms | p95 ms | Max ms |");
        Line("|---|---:|---:|---:|---:|");
        foreach (var page in VirtualUser.Pages)
        {
            Row(page, Times.GetValueOrDefault(page) ?? []);
        }

        Row($"**{AllPagesLabel}**", AllPages);
        Row($"{VirtualUser.Negotiate} (not in all pages)", Times.GetValueOrDefault(VirtualUser.Negotiate) ?? []);
        Line();
        Line($"- Errors (non-2xx or exception): {Errors}");
        foreach (var error in FirstErrors)
        {
            Line($"  - {error}");
        }

        Line($"- Retrain runs completed during the load: {RetrainSeconds.Count}" + (RetrainSeconds.Count > 0
            ? $" ({RetrainSeconds.Average():0} s each on average, {RetrainSeconds.Min():0}–{RetrainSeconds.Max():0} s)"
            : "") + $"; failed: {RetrainFailures.Count}");
        foreach (var failure in RetrainFailures.Take(5))
        {
            Line($"  - {failure}");
        }

        if (Memory.Count > 0)
        {
            var slope = MemorySlope;
            Line($"- Portal memory (VmRSS, every {MemorySampler.Interval.TotalSeconds:0} s, {Memory.Count} samples): start {Memory[0].Megabytes:0} MB, " +
                 $"end {Memory[^1].Megabytes:0} MB, peak {Memory.Max(s => s.Megabytes):0} MB; slope after the first " +
                 $"{WarmupMinutes:0.#} min: {(slope is { } s ? s.ToString("+0.0;-0.0", Invariant) + " MB/min" : "too few samples")}");
            // One reading per minute is enough to see a trend by eye next to the slope.
            var perMinute = Memory.GroupBy(s => (int)s.Minute).Select(g => $"{g.Key}: {g.First().Megabytes:0}");
            Line($"  - MB by minute: {string.Join(", ", perMinute)}");
        }

        var failures = Failures;
        Line(failures.Count == 0
            ? $"- Verdict: PASS (no error, every p95 under {P95LimitMs:0} ms, no failed retrain)"
            : $"- Verdict: FAIL: {string.Join("; ", failures)}");
        return text.ToString();

        void Row(string label, IReadOnlyList<double> times) => Line(times.Count == 0
            ? $"| {label} | 0 | | | |"
            : $"| {label} | {times.Count} | {Percentile(times, 0.5):0} | {Percentile(times, 0.95):0} | {times[^1]:0} |");
    }
}
