using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Benchmarks.Training;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Snapshots;
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
    private const int TrainRows = 200_000, ValidRows = 100_000;
    private const string Score = "bench";
    private static readonly DateOnly[] Dates = [new(2024, 1, 31), new(2024, 2, 29), new(2024, 3, 31)];

    private string _folder = "";
    private TimeSpan _setup;
    private (Measure Time, ScoringRun Run)? _kernel, _mlNet;

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
        await using (var session = await services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName))
        {
            await TrainingData.GenerateAsync(session, Customers, TrainRows + ValidRows);
            await session.ExecuteAsync($"CREATE TABLE bench_202401 AS SELECT * EXCLUDE (logit) FROM bench_valid WHERE id <= {Customers + TrainRows}");
            await session.ExecuteAsync($"CREATE TABLE bench_202402 AS SELECT * EXCLUDE (logit) FROM bench_valid WHERE id > {Customers + TrainRows}");
            await session.ExecuteAsync("CREATE TABLE bench_202403 AS SELECT * EXCLUDE (logit) FROM bench_train ORDER BY id");
            await session.ExecuteAsync("DROP TABLE bench_train");
            await session.ExecuteAsync("CHECKPOINT");
        }

        await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = Score,
            DataprepSql = "SELECT *, CAST(${date_ref} AS DATE) AS date_ref FROM bench_${date_ref_yyyymm}",
            KeyColumn = TrainingData.Key,
            TargetColumn = TrainingData.Target,
            ReferenceDateColumn = "date_ref",
            HorizonMonths = 1,
            Algorithm = TrainingAlgorithm.LightGbm,
            Hyperparameters = new Dictionary<string, double>
            {
                [Hyperparameters.Trees] = 100,
                [Hyperparameters.Leaves] = 31,
                [Hyperparameters.LearningRate] = 0.1,
                [Hyperparameters.MinExamplesPerLeaf] = 20,
            },
            Reduction = new ReductionSettings { Enabled = false },
        }), Actor.System);
        foreach (var date in Dates)
        {
            await services.GetRequiredService<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot(Score, date), Actor.System);
        }

        var version = (await services.GetRequiredService<TrainVersionHandler>().HandleAsync(new TrainVersion(Score, Dates[^1]), Actor.System)).Version;
        await services.GetRequiredService<ActivateVersionHandler>().HandleAsync(new ActivateVersion(Score, version.Number, "benchmark"), Actor.System);
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
        _kernel = await MeasureAsync(stages => handler.HandleAsync(new RunScoring(Score, Dates[^1]), Actor.System, stages, CancellationToken.None));
        if (WithMlNet)
        {
            handler.ScoreWithMlNet = true;
            try
            {
                _mlNet = await MeasureAsync(stages => handler.HandleAsync(new RunScoring(Score, Dates[^1]), Actor.System, stages, CancellationToken.None));
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

    private static async Task<(Measure, ScoringRun)> MeasureAsync(Func<IProgress<string>, Task<ScoringRun>> work)
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        // Where the time goes: each stage the handler announces, with the wall time at which it began.
        var stages = new List<string>();
        var run = await work(new Stages(clock, stages));
        return (new Measure(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            baseline, PeakMemory.PeakMegabytes(), reset, load, string.Join("; ", stages)), run);
    }

    private sealed record Measure(double Seconds, double Cpu, double BaselineMb, double PeakMb, bool PeakReset, string LoadAverage, string Stages)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"time={Seconds:0.00}s cpu={Cpu:0.00}s peak={PeakMb:0}MB (baseline {BaselineMb:0}MB{(PeakReset ? "" : ", peak NOT reset")}) loadavg={LoadAverage} stages=[{Stages}]");
    }

    /// <summary>Synchronous, unlike <see cref="Progress{T}"/>: a stage is stamped when it starts, not when a thread pool gets to it.</summary>
    private sealed class Stages(Stopwatch clock, List<string> stages) : IProgress<string>
    {
        public void Report(string value)
        {
            var words = value.Split(' ');
            lock (stages)
            {
                stages.Add(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.00}s {words[0]}"));
            }
        }
    }
}
