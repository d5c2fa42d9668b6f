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
/// Scoring 1,000,000 customers × 40 features (the data of <see cref="TrainingData"/>) with a 100-tree FastTree or
/// LightGBM active version, against scikit-learn's HistGradientBoosting predict_proba on the same rows. The setup (not
/// timed) builds three snapshots through the engine (train 200,000 rows, validate 100,000, score 1M), trains and
/// activates the version, exports the CSV files. Timed, each after a peak reset: (1) the model alone, a
/// <see cref="ModelScorer"/> over the snapshot's reader; (2) <see cref="RunScoringHandler"/> end to end.
/// One process per algorithm (each peak is its own); the cleanup runs score_sklearn.py (OpenMP default, then one
/// thread) and prints a line starting with "// scoring". Run and results: docs/benchmarks/scoring.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class ScoringJob
{
    public const int Rows = 1_000_000, TrainRows = 200_000, ValidRows = 100_000;
    private const string Score = "bench";
    private static readonly DateOnly[] Dates = [new(2024, 1, 31), new(2024, 2, 29), new(2024, 3, 31)];

    private string _folder = "", _snapshot = "", _artifact = "";
    private Measure? _model, _handler;
    private ScoringRun? _run;

    [Params(TrainingAlgorithm.FastTree, TrainingAlgorithm.LightGbm)]
    public TrainingAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public async Task PrepareAsync()
    {
        _folder = Directory.CreateTempSubdirectory("scorecockpit-scoring-bench-").FullName;
        await using var services = Services();
        await services.PrepareCockpitStoreAsync();
        await using (var session = await services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName))
        {
            // bench_train holds ids 1…1M (the customers scored), bench_valid the next 300,000 (training, then validation).
            await TrainingData.GenerateAsync(session, Rows, TrainRows + ValidRows);
            await session.ExecuteAsync($"CREATE TABLE bench_202401 AS SELECT * EXCLUDE (logit) FROM bench_valid WHERE id <= {Rows + TrainRows}");
            await session.ExecuteAsync($"CREATE TABLE bench_202402 AS SELECT * EXCLUDE (logit) FROM bench_valid WHERE id > {Rows + TrainRows}");
            await session.ExecuteAsync("CREATE TABLE bench_202403 AS SELECT * EXCLUDE (logit) FROM bench_train ORDER BY id");
            await session.ExecuteAsync($"COPY bench_202401 TO '{Csv("train")}' (HEADER, DELIMITER ',')");
            await session.ExecuteAsync($"COPY bench_202403 TO '{Csv("score")}' (HEADER, DELIMITER ',')");
        }

        await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = Score,
            DataprepSql = "SELECT *, CAST(${date_ref} AS DATE) AS date_ref FROM bench_${date_ref_yyyymm}",
            KeyColumn = TrainingData.Key,
            TargetColumn = TrainingData.Target,
            ReferenceDateColumn = "date_ref",
            HorizonMonths = 1,
            Algorithm = Algorithm,
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
            _snapshot = (await services.GetRequiredService<BuildSnapshotHandler>().HandleAsync(new BuildSnapshot(Score, date), Actor.System)).TableName;
        }

        // As of the last date only the first two are labelled: train on January, validate on February, score March.
        var version = (await services.GetRequiredService<TrainVersionHandler>().HandleAsync(new TrainVersion(Score, Dates[^1]), Actor.System)).Version;
        await services.GetRequiredService<ActivateVersionHandler>().HandleAsync(new ActivateVersion(Score, version.Number, "benchmark"), Actor.System);
        _artifact = version.ArtifactSha256;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [Benchmark]
    public async Task<long> ScoreAsync()
    {
        await using var services = Services();
        await services.PrepareCockpitStoreAsync();
        var zip = await services.GetRequiredService<ArtifactStore>().GetAsync(_artifact);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        _model = await MeasureAsync(async () =>
        {
            // The model alone: the snapshot's reader through the version, every probability read, nothing kept.
            var scorer = new ModelScorer(zip);
            await using var session = await services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName);
            await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT * FROM {_snapshot}"));
            double sum = 0;
            foreach (var row in scorer.Score(reader, TrainingData.Key).Rows)
            {
                sum += row.Probability ?? row.Score;
            }

            return sum;
        });
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var handler = services.GetRequiredService<RunScoringHandler>();
        _handler = await MeasureAsync(async () => (_run = await handler.HandleAsync(new RunScoring(Score, Dates[^1]), Actor.System)).Rows);
        return _run!.Rows;
    }

    [GlobalCleanup]
    public async Task CompareAsync()
    {
        try
        {
            if (_model is not { } model || _handler is not { } handler || _run is not { } run)
            {
                return;
            }

            var all = await ScoreSklearn.RunAsync(Csv("train"), Csv("score"), threads: null);
            var one = await ScoreSklearn.RunAsync(Csv("train"), Csv("score"), threads: 1);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv,
                $"// scoring algorithm={Algorithm} rows={run.Rows} mean={run.Mean:0.0000} status={run.Status} | " +
                $"model {model} rowsPerSec={run.Rows / model.Seconds:0} | handler {handler} rowsPerSec={run.Rows / handler.Seconds:0} | " +
                $"sklearn {all.Json} | sklearn-1-thread {one.Json} | " +
                $"ratio model/predict={model.Seconds / all.Predict:0.00} (1 thread {model.Seconds / one.Predict:0.00}) " +
                $"handler/loadAndPredict={handler.Seconds / all.LoadAndPredict:0.00} (1 thread {handler.Seconds / one.LoadAndPredict:0.00})"));
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string Csv(string name) => Path.Combine(_folder, $"{name}.csv");

    private ServiceProvider Services() => Evaluation.EvaluateAllData.Services(_folder);

    private static async Task<Measure> MeasureAsync<T>(Func<Task<T>> work)
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await work();
        return new Measure(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            baseline, PeakMemory.PeakMegabytes(), reset, load);
    }

    private sealed record Measure(double Seconds, double Cpu, double BaselineMb, double PeakMb, bool PeakReset, string LoadAverage)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"time={Seconds:0.00}s cpu={Cpu:0.00}s peak={PeakMb:0}MB (baseline {BaselineMb:0}MB{(PeakReset ? "" : ", peak NOT reset")}) loadavg={LoadAverage}");
    }

    /// <summary>score_sklearn.py in a child process (Debian's Python, which has scikit-learn); its JSON line and two of its times.</summary>
    internal static class ScoreSklearn
    {
        public static async Task<(string Json, double Predict, double LoadAndPredict)> RunAsync(string train, string score, int? threads)
        {
            var start = new ProcessStartInfo(SklearnRun.Python, [Script(), train, score])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (threads is { } n)
            {
                start.Environment["OMP_NUM_THREADS"] = n.ToString(CultureInfo.InvariantCulture);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {SklearnRun.Python}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"score_sklearn.py failed ({process.ExitCode}):\n{await errors}");
            }

            var json = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            using var parsed = System.Text.Json.JsonDocument.Parse(json);
            return (json, parsed.RootElement.GetProperty("predict_seconds").GetDouble(), parsed.RootElement.GetProperty("load_and_predict_seconds").GetDouble());
        }

        // Found next to this source file: BenchmarkDotNet runs the job from a generated project elsewhere.
        private static string Script([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
            Path.Combine(Path.GetDirectoryName(here)!, "score_sklearn.py");
    }
}
