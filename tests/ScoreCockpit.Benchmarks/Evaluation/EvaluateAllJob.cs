using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Benchmarks.Training;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Benchmarks.Evaluation;

/// <summary>
/// Whole job, timed once: one <see cref="EvaluateAllVersionsHandler"/> run over a score with 24 versions and 24 labelled
/// snapshots of 100,000 rows × 20 features (see <see cref="EvaluateAllData"/>) = 576 evaluations, 57.6 million rows
/// scored, each evaluation with its full metric set, DeLong interval and bootstrap lift interval, stored in SQLite.
/// The prepared data folder (warehouse, snapshots, trained versions; no evaluation) is built once into
/// $TMPDIR/scorecockpit-evaluate-all-bench/ and copied fresh for every run: the training would otherwise take several
/// minutes per run, and when it runs in the measured process its leftovers (LightGBM's native heap, DuckDB's buffers)
/// would sit in the peak. The line starting with "// evaluate-all" says whether the setup ran in this process, and
/// gives wall time, CPU time (all threads), evaluations/s, rows scored/s, the peak resident set (VmHWM after a reset,
/// native memory included) and its baseline, and the load average before and after.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*EvaluateAllJob*'
/// Results and remarks: docs/benchmarks/metrics.md, "Evaluate all versions".
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class EvaluateAllJob
{
    /// <summary>
    /// Change it when <see cref="EvaluateAllData"/> or the store's migrations change, so a stale prepared folder is not
    /// reused (v1 was made before 8545d46 rewrote the Evaluations migration, and no longer opens; v2 before the
    /// ScoringPlan migration).
    /// </summary>
    private const string PreparedVersion = "v3";

    private string _folder = "";
    private bool _setupInProcess;
    private TimeSpan _setup;
    private Run? _run;

    private static string Prepared => Path.Combine(Path.GetTempPath(), "scorecockpit-evaluate-all-bench", $"prepared-{PreparedVersion}");

    [GlobalSetup]
    public async Task PrepareAsync()
    {
        var ready = Path.Combine(Prepared, ".ready");
        if (!File.Exists(ready))
        {
            _setupInProcess = true;
            var clock = Stopwatch.StartNew();
            if (Directory.Exists(Prepared))
            {
                Directory.Delete(Prepared, recursive: true);
            }

            Directory.CreateDirectory(Prepared);
            await EvaluateAllData.PrepareAsync(Prepared, line => Console.WriteLine($"// evaluate-all setup {clock.Elapsed.TotalSeconds:0}s: {line}"));
            await File.WriteAllTextAsync(ready, EvaluateAllData.Score);
            _setup = clock.Elapsed;
        }

        _folder = Directory.CreateTempSubdirectory("scorecockpit-evaluate-all-").FullName;
        Copy(Prepared, _folder);

        // What the setup allocated should not count in the evaluation's peak.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [Benchmark]
    public async Task<int> EvaluateAllAsync()
    {
        await using var services = EvaluateAllData.Services(_folder);

        // Opening the store (migrations checked, nothing to apply) is start-up, not evaluation.
        await services.PrepareCockpitStoreAsync();
        var handler = services.GetRequiredService<EvaluateAllVersionsHandler>();

        var load = LoadAverage();
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var summary = await handler.HandleAsync(new EvaluateAllVersions(EvaluateAllData.Score, AsOf: EvaluateAllData.EvaluationAsOf), Actor.System);
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var peak = PeakMemory.PeakMegabytes();

        await using var db = await services.GetRequiredService<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync();
        var stored = await db.Evaluations.AsNoTracking().ToListAsync();
        _run = new Run(summary, stored.Count, stored.Sum(e => e.Rows), stored.Sum(e => e.DurationMs), elapsed, used, baseline, peak, reset, load);
        return summary.Computed;
    }

    [GlobalCleanup]
    public void Report()
    {
        try
        {
            if (_run is not { } run)
            {
                return;
            }

            var seconds = run.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// evaluate-all versions×dates={run.Summary.Computed + run.Summary.Failed} (dates {run.Summary.Dates.Count}) computed={run.Summary.Computed} " +
                $"failed={run.Summary.Failed} stored={run.Stored} rowsScored={run.Rows} cores={Environment.ProcessorCount} " +
                $"loadavg={run.LoadAverage}/{LoadAverage()} setupInProcess={_setupInProcess}{(_setupInProcess ? $" ({_setup.TotalSeconds:0}s)" : "")} | " +
                $"wall={seconds:0.0}s cpu={run.Cpu.TotalSeconds:0.0}s (cpu/wall {run.Cpu.TotalSeconds / seconds:0.00}) " +
                $"evaluations/s={run.Stored / seconds:0.0} rowsScored/s={run.Rows / seconds:N0} " +
                $"sumOfUnitDurations={run.UnitMilliseconds / 1000.0:0.0}s peak={run.PeakMb:0}MB (baseline {run.BaselineMb:0}MB{(run.PeakReset ? "" : ", peak NOT reset")}) " +
                $"gen2={GC.CollectionCount(2)}"));
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    // The machine is shared: a load average above the core count means the wall time is inflated.
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private sealed record Run(EvaluationRunSummary Summary, int Stored, long Rows, long UnitMilliseconds, TimeSpan Elapsed, TimeSpan Cpu,
        double BaselineMb, double PeakMb, bool PeakReset, string LoadAverage);
}
