using System.Globalization;
using ScoreCockpit.Benchmarks.Evaluation;

namespace ScoreCockpit.Benchmarks.PushDown;

/// <summary>
/// The command line's <c>score</c> run as its own process, as an operator would run it, under GNU time: its wall time,
/// CPU time and peak resident memory. This is the memory a scoring host needs for the run, free of the benchmark
/// runner's own.
/// </summary>
public sealed record CliRun(TimedProcess Process)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"time={Process.Wall.TotalSeconds:0.00}s cpu={Process.CpuSeconds:0.00}s peakRss={Process.PeakRssKilobytes / 1024.0:0}MB");

    /// <summary>Builds the command line (Release) into <paramref name="folder"/>/cli once; returns its dll.</summary>
    public static async Task<string> BuildAsync(string folder)
    {
        var output = Path.Combine(folder, "cli");
        await TimedProcess.RunAsync("dotnet", "build", Path.Combine(PredictionCsv.RepositoryRoot(), "src", "ScoreCockpit.Cli"),
            "-c", "Release", "-v", "q", "-o", output);
        return Path.Combine(output, "scorecockpit.dll");
    }

    public static async Task<CliRun> OfAsync(string cli, params string[] arguments) =>
        new(await TimedProcess.RunAsync("dotnet", [cli, .. arguments]));
}
