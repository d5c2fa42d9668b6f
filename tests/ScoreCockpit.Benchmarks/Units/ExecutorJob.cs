using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ScoreCockpit.Benchmarks.Evaluation;
using ScoreCockpit.Benchmarks.PushDown;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.Benchmarks.Units;

/// <summary>
/// Evaluate-all (every version of the demo's churn score on every labelled date, recomputed) and a six-month backfill
/// on the same machine, in the same run: in-process (the baseline), then as units in child processes with one and
/// with two workers. Each run is the Release command line on its own copy of one demo, timed whole. Each prints a line
/// starting with "// units-bench". Run with:
/// dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*ExecutorJob*'
/// (SCORECOCKPIT_BENCH_CUSTOMERS sizes the demo; default 10,000.)
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class ExecutorJob
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "scorecockpit-units-bench");
    private string _cli = "";
    private string _demo = "";

    [Params("evaluate", "backfill")]
    public string Work { get; set; } = "";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        Directory.CreateDirectory(Folder);
        _cli = await CliRun.BuildAsync(Folder);
        var customers = Environment.GetEnvironmentVariable("SCORECOCKPIT_BENCH_CUSTOMERS") ?? "10000";
        // Evaluate-all needs the demo's history (its versions); a backfill starts from a demo without one.
        _demo = Path.Combine(Folder, $"demo-{Work}-{customers}");
        if (!File.Exists(Path.Combine(_demo, "cockpit.db")))
        {
            string[] history = Work == "evaluate" ? [] : ["--no-history"];
            await TimedProcess.RunAsync("dotnet", [_cli, "--data", _demo, "init", "--demo", "--customers", customers, .. history]);
        }
    }

    [Benchmark(Baseline = true)]
    public Task<double> InProcessAsync() => RunAsync("in-process", 1);

    [Benchmark]
    public Task<double> OneProcessAsync() => RunAsync("process", 1);

    [Benchmark]
    public Task<double> TwoProcessesAsync() => RunAsync("process", 2);

    private async Task<double> RunAsync(string executor, int workers)
    {
        var data = Path.Combine(Folder, $"run-{Work}-{executor}-{workers}");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        FolderCopy.Copy(_demo, data);
        // The demo's last six month-starts, as the monthly retrain would have run on them.
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1);
        string[] work = Work == "evaluate"
            ? ["evaluate", "churn", "--recompute"]
            : ["backfill", "churn", "--from", Iso(first.AddMonths(-6)), "--to", Iso(first.AddMonths(-1))];
        var run = await TimedProcess.RunAsync("dotnet", [_cli, "--data", data, .. work, "--executor", executor, "--workers", workers.ToString(CultureInfo.InvariantCulture)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// units-bench work={Work} executor={executor} workers={workers} wall={run.Wall.TotalSeconds:0.0}s cpu={run.CpuSeconds:0.0}s peakRss={run.PeakRssKilobytes / 1024}MB"));
        Console.WriteLine($"// units-bench output: {run.Output.Split('\n').FirstOrDefault(l => l.StartsWith("Evaluated", StringComparison.Ordinal) || l.StartsWith("Backfilled", StringComparison.Ordinal))}");
        return run.Wall.TotalSeconds;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
