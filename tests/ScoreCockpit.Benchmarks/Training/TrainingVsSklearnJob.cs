using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Benchmarks.Training;

/// <summary>
/// One training of 1,000,000 rows × 40 features (100 trees, 31 leaves, learning rate 0.1, 20 rows per leaf) through
/// <see cref="ModelTrainer.TrainAsync"/>, side by side with scikit-learn's HistGradientBoostingClassifier on the same
/// rows exported to CSV, in the same run on the same machine.
/// BenchmarkDotNet runs each algorithm in its own process, so each peak resident set is that algorithm's alone:
/// the setup generates the DuckDB warehouse and the CSV files (not timed), the benchmark trains once (Monitoring, one
/// iteration), the cleanup runs train_sklearn.py twice in a child process (OpenMP default = every core, then one
/// thread like the engine) and prints a line starting with "// training" with the times, peaks, AUCs, the ratio of
/// times and the AUC difference.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*TrainingVsSklearn*'
/// Results and remarks: docs/benchmarks/training.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class TrainingVsSklearnJob
{
    public const int TrainRows = 1_000_000;
    public const int ValidRows = 200_000;

    private string _folder = "";
    private string _trainCsv = "";
    private string _validCsv = "";
    private WarehouseConnectionInfo _warehouse = null!;
    private double _baseRate;
    private double _oracleAuc;
    private TimeSpan _generate;
    private TimeSpan _readPass;
    private Run? _run;

    [Params(TrainingAlgorithm.FastTree, TrainingAlgorithm.LightGbm)]
    public TrainingAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public async Task GenerateAsync()
    {
        _folder = Directory.CreateTempSubdirectory("scorecockpit-training-bench-").FullName;
        _warehouse = WarehouseConnectionInfo.Demo(new DataFolder(_folder));
        (_trainCsv, _validCsv) = (Path.Combine(_folder, "train.csv"), Path.Combine(_folder, "valid.csv"));
        await using (var session = await OpenAsync())
        {
            var clock = Stopwatch.StartNew();
            await TrainingData.GenerateAsync(session, TrainRows, ValidRows);
            await TrainingData.ExportCsvAsync(session, _trainCsv, _validCsv);
            _generate = clock.Elapsed;
            (_baseRate, _oracleAuc) = await TrainingData.ValidationFactsAsync(session);
            _readPass = await ReadPassAsync(session);
        }

        // What the setup allocated (DuckDB's buffers go with the closed connection) should not count in the training's peak.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [Benchmark]
    public async Task<double?> TrainAsync()
    {
        var load = LoadAverage();
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        await using var session = await OpenAsync();
        var request = new TrainingRequest
        {
            TrainingTables = [TrainingData.TrainTable],
            ValidationTable = TrainingData.ValidTable,
            KeyColumn = TrainingData.Key,
            TargetColumn = TrainingData.Target,
            Features = TrainingData.Features,
            Algorithm = Algorithm,
            Hyperparameters = new Dictionary<string, double>
            {
                [Hyperparameters.Trees] = 100,
                [Hyperparameters.Leaves] = 31,
                [Hyperparameters.LearningRate] = 0.1,
                [Hyperparameters.MinExamplesPerLeaf] = 20,
            },
            MaxTrainingRows = TrainRows,

            // Off, so that the time is the training alone, like sklearn's: the synthetic columns have nothing to reduce
            // (no constant, mostly-missing or correlated pair), the reduction would only add its SQL census.
            Reduction = new ReductionSettings { Enabled = false },
        };

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var model = await ModelTrainer.TrainAsync(session, request);
        _run = new Run(model, load, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, baseline, PeakMemory.PeakMegabytes(), reset);
        return model.ValidationAuc;
    }

    [GlobalCleanup]
    public async Task CompareAsync()
    {
        try
        {
            if (_run is not { } run)
            {
                return;
            }

            var all = await SklearnRun.RunAsync(_trainCsv, _validCsv, threads: null);
            var one = await SklearnRun.RunAsync(_trainCsv, _validCsv, threads: 1);
            var auc = run.Model.ValidationAuc ?? double.NaN;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// training algorithm={Algorithm} rows={run.Model.TrainingRows} validRows={run.Model.ValidationRows} " +
                $"features={TrainingData.Features.Count} loadavg={run.LoadAverage}/{LoadAverage()} baseRate={_baseRate:0.0000} oracleAuc={_oracleAuc:0.0000} " +
                $"generateAndCsv={_generate.TotalSeconds:0.0}s readPass={_readPass.TotalSeconds:0.0}s | " +
                $"engine total={run.Elapsed.TotalSeconds:0.0}s cpu={run.Cpu.TotalSeconds:0.0}s peak={run.PeakMb:0}MB " +
                $"(baseline {run.BaselineMb:0}MB{(run.PeakReset ? "" : ", peak NOT reset")}) auc={auc:0.0000} | " +
                $"{Describe(all)} | {Describe(one)} | " +
                $"ratio total/total={run.Elapsed.TotalSeconds / all.TotalSeconds:0.00} (1 thread {run.Elapsed.TotalSeconds / one.TotalSeconds:0.00}) " +
                $"total/fit={run.Elapsed.TotalSeconds / all.FitSeconds:0.00} (1 thread {run.Elapsed.TotalSeconds / one.FitSeconds:0.00}) " +
                $"aucDiff={auc - all.Auc:+0.0000;-0.0000} (1 thread {auc - one.Auc:+0.0000;-0.0000})"));
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Describe(SklearnResult r) => string.Create(CultureInfo.InvariantCulture,
        $"sklearn {r.Version} threads={r.Threads} load={r.LoadSeconds:0.0}s fit={r.FitSeconds:0.0}s predict={r.PredictSeconds:0.0}s " +
        $"total={r.TotalSeconds:0.0}s cpu={r.CpuSeconds:0.0}s peak={r.PeakMegabytes:0}MB auc={r.Auc:0.0000}");

    // The machine is shared: a load average above the core count means the wall times below are inflated.
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private Task<WarehouseSession> OpenAsync() => new WarehouseConnector(NullLogger<WarehouseConnector>.Instance).OpenAsync(_warehouse);

    /// <summary>
    /// One plain read of the training columns through the ADO.NET reader, as the engine reads them: the cost of a data
    /// pass, for telling the engine's data movement from its fitting (the engine's total cannot be split from outside).
    /// </summary>
    private static async Task<TimeSpan> ReadPassAsync(WarehouseSession session)
    {
        var columns = TrainingData.Features.Select(f => f.Name).Append(TrainingData.Key).Append(TrainingData.Target);
        var clock = Stopwatch.StartNew();
        await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT {string.Join(", ", columns)} FROM {TrainingData.TrainTable}"));
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
        }

        return clock.Elapsed;
    }

    private sealed record Run(TrainedModel Model, string LoadAverage, TimeSpan Elapsed, TimeSpan Cpu, double BaselineMb, double PeakMb, bool PeakReset);
}
