using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Benchmarks.Scoring;

/// <summary>
/// A whole scoring run, <see cref="RunScoringHandler"/> end to end, through the compiled kernel and, in the same
/// process on the same snapshot, through ML.NET's row-by-row path (<c>ScoreWithMlNet = true</c>), each after a full
/// collection and a peak reset. The setup is <see cref="ScoringJob"/>'s (LightGBM, 100 trees, 31 leaves, trained on
/// 200,000 rows, validated on 100,000), with the scored snapshot of <see cref="Customers"/> rows. At 10,000,000 the
/// ML.NET path runs only when SCORECOCKPIT_BENCH_MLNET_10M=1 (it takes minutes). One line starting with
/// "// scoring-run" per size.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*ScoringRunJob*'
/// Results: docs/benchmarks/compiled-models.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class ScoringRunJob
{
    private const string Score = BenchScore.Score;
    private static readonly DateOnly[] Dates = BenchScore.Dates;

    private string _folder = "";
    private TimeSpan _setup;
    private (RunMeasure Time, ScoringRun Run)? _kernel, _mlNet;

    /// <summary>1M and 10M customers; SCORECOCKPIT_BENCH_CUSTOMERS=1000000 (comma-separated) runs only those sizes.</summary>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable("SCORECOCKPIT_BENCH_CUSTOMERS") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            : [1_000_000, 10_000_000];

    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    private bool WithMlNet => Customers <= 1_000_000 || Environment.GetEnvironmentVariable("SCORECOCKPIT_BENCH_MLNET_10M") == "1";

    [GlobalSetup]
    public async Task PrepareAsync()
    {
        var clock = Stopwatch.StartNew();
        _folder = Directory.CreateTempSubdirectory("scorecockpit-scoring-run-bench-").FullName;
        await using var services = Services();
        await services.PrepareCockpitStoreAsync();
        await BenchScore.PrepareAsync(services, Customers, WarehouseConnectionInfo.DemoName, _folder);
        _setup = clock.Elapsed;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [Benchmark]
    public async Task<long> RunAsync()
    {
        await using var services = Services();
        await services.PrepareCockpitStoreAsync();
        var handler = services.GetRequiredService<RunScoringHandler>();

        // The kernel first (the plan is derived and cached on its first use: that is part of a first run, as in production).
        handler.ScoreWithMlNet = false;
        _kernel = await RunMeasure.OfAsync(stages => handler.HandleAsync(new RunScoring(Score, Dates[^1]), Actor.System, stages, CancellationToken.None));
        if (WithMlNet)
        {
            handler.ScoreWithMlNet = true;
            try
            {
                _mlNet = await RunMeasure.OfAsync(stages => handler.HandleAsync(new RunScoring(Score, Dates[^1]), Actor.System, stages, CancellationToken.None));
            }
            finally
            {
                handler.ScoreWithMlNet = false;
            }
        }

        return _kernel.Value.Run.Rows;
    }

    [GlobalCleanup]
    public void Report()
    {
        try
        {
            if (_kernel is not { } kernel)
            {
                return;
            }

            var inv = CultureInfo.InvariantCulture;
            var line = string.Create(inv,
                $"// scoring-run customers={Customers} cores={Environment.ProcessorCount} setup={_setup.TotalSeconds:0}s | " +
                $"kernel rows={kernel.Run.Rows} mean={kernel.Run.Mean:0.000000} status={kernel.Run.Status} {kernel.Time} rowsPerSec={kernel.Run.Rows / kernel.Time.Seconds:0}");
            if (_mlNet is { } mlNet)
            {
                line += string.Create(inv,
                    $" | mlnet rows={mlNet.Run.Rows} mean={mlNet.Run.Mean:0.000000} status={mlNet.Run.Status} {mlNet.Time} rowsPerSec={mlNet.Run.Rows / mlNet.Time.Seconds:0}" +
                    $" | speedup wall={mlNet.Time.Seconds / kernel.Time.Seconds:0.00}x cpu={mlNet.Time.Cpu / kernel.Time.Cpu:0.00}x");
            }

            Console.WriteLine(line);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private ServiceProvider Services() => Evaluation.EvaluateAllData.Services(_folder);
}
