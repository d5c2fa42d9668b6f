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
/// One LightGBM training on a large DuckDB snapshot capped at <see cref="MaxTrainingRows"/> rows: the warehouse
/// samples by key and returns the sampled rows in hash order (<see cref="SamplePath.Sql"/>), against reading every row
/// and sampling in memory (<see cref="SamplePath.InMemory"/>, what a warehouse without MD5 does and what every
/// warehouse did before). BenchmarkDotNet runs each path in its own process, so each peak resident set is its own.
/// Prints a line starting with "// sampled-training" with the time, CPU, peak and the model's figures.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*SampledTraining*'
/// Results: docs/benchmarks/training.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class SampledTrainingJob
{
    public const int MaxTrainingRows = 200_000;
    public const int ValidRows = 100_000;

    private string _folder = "";
    private WarehouseConnectionInfo _warehouse = null!;
    private TimeSpan _generate;

    public enum SamplePath
    {
        Sql,
        InMemory,
    }

    /// <summary>Rows of the training snapshot; 5M by default, lower through SCORECOCKPIT_SAMPLING_ROWS on a slow machine.</summary>
    public static int TrainRows => int.TryParse(Environment.GetEnvironmentVariable("SCORECOCKPIT_SAMPLING_ROWS"), CultureInfo.InvariantCulture, out var rows)
        ? rows : 5_000_000;

    [Params(SamplePath.Sql, SamplePath.InMemory)]
    public SamplePath Path { get; set; }

    /// <summary>20 of the generated features: 14 numeric, 3 categorical, 3 booleans.</summary>
    public static IReadOnlyList<FeatureColumn> Features { get; } =
    [
        .. TrainingData.Features.Where(f => f.Kind == Engine.Scores.ColumnKind.Numeric).Take(14),
        .. TrainingData.Features.Where(f => f.Kind == Engine.Scores.ColumnKind.Categorical).Take(3),
        .. TrainingData.Features.Where(f => f.Kind == Engine.Scores.ColumnKind.Boolean).Take(3),
    ];

    [GlobalSetup]
    public async Task GenerateAsync()
    {
        _folder = Directory.CreateTempSubdirectory("scorecockpit-sampling-bench-").FullName;
        _warehouse = WarehouseConnectionInfo.Demo(new DataFolder(_folder));
        await using (var session = await OpenAsync())
        {
            var clock = Stopwatch.StartNew();
            await TrainingData.GenerateAsync(session, TrainRows, ValidRows);
            _generate = clock.Elapsed;
        }

        // The generation's buffers go with the closed connection; what is left should not count in the training's peak.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [Benchmark]
    public async Task<double?> TrainAsync()
    {
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        await using var session = await OpenAsync();
        var request = new TrainingRequest
        {
            TrainingTables = [TrainingData.TrainTable],
            ValidationTable = TrainingData.ValidTable,
            KeyColumn = TrainingData.Key,
            TargetColumn = TrainingData.Target,
            Features = Features,
            Algorithm = TrainingAlgorithm.LightGbm,
            MaxTrainingRows = MaxTrainingRows,
            // Off: the time is the sampling and the training, not the reduction's SQL census (the same on both paths).
            Reduction = new ReductionSettings { Enabled = false },
            SamplesInMemory = Path == SamplePath.InMemory,
        };

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var model = await ModelTrainer.TrainAsync(session, request);
        var (elapsed, used) = (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// sampled-training path={Path} snapshotRows={TrainRows} cap={MaxTrainingRows} features={Features.Count} " +
            $"generate={_generate.TotalSeconds:0.0}s loadavg={load} | total={elapsed.TotalSeconds:0.0}s cpu={used.TotalSeconds:0.0}s " +
            $"peak={PeakMemory.PeakMegabytes():0}MB (baseline {baseline:0}MB{(reset ? "" : ", peak NOT reset")}) " +
            $"gcAllocated={GC.GetTotalAllocatedBytes() / 1048576.0:0}MB trainingRows={model.TrainingRows} " +
            $"positives={model.TrainingPositives} auc={model.ValidationAuc:0.0000}"));
        return model.ValidationAuc;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    private Task<WarehouseSession> OpenAsync() => new WarehouseConnector(NullLogger<WarehouseConnector>.Instance).OpenAsync(_warehouse);
}
