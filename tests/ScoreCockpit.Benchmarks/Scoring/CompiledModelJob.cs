using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using ScoreCockpit.Benchmarks.Training;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Benchmarks.Scoring;

/// <summary>
/// The model alone, three ways on the same 1,000,000 rows × 40 columns (<see cref="TrainingData"/>) and the same
/// 100-tree, 31-leaf FastTree or LightGBM model, in one process per algorithm:
/// (1) ML.NET's path, <see cref="ModelScorer"/> over DuckDB's reader of <c>SELECT * FROM score_rows ORDER BY id</c>,
/// every probability kept in a float array (the read is included: ML.NET has no columnar input to start from);
/// (2) the compiled kernel with its read, <see cref="ColumnBatch.Read"/> of the same query then
/// <see cref="CompiledModel.Score(ColumnBatch, float[], float[])"/>;
/// (3) the compiled kernel alone on the <see cref="ColumnBatch"/> of (2), already in memory, run
/// <see cref="KernelRepeats"/> times (median and best reported). Each after a full collection and a peak reset.
/// The setup (not timed) generates the rows, trains the model with <see cref="ModelTrainer"/> on 200,000 other rows
/// (validated on 100,000), extracts its <see cref="ScoringPlan"/>, and writes the CSVs for score_sklearn.py, which the
/// cleanup runs twice (OpenMP default, then one thread). The kernel's probabilities are compared with ML.NET's row by
/// row (bit for bit). One line starting with "// compiled-model" per algorithm.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*CompiledModelJob*'
/// Results: docs/benchmarks/compiled-models.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class CompiledModelJob
{
    public const int Rows = 1_000_000, TrainRows = 200_000, ValidRows = 100_000, KernelRepeats = 5;
    private const string ScoreTable = "score_rows", FitTable = "fit_rows", CheckTable = "check_rows";

    private string _folder = "";
    private WarehouseConnectionInfo _warehouse = null!;
    private CompiledModel _compiled = null!;
    private byte[] _zip = [];
    private Measure? _mlNet, _kernelWithRead;
    private readonly List<Measure> _kernel = [];
    private Comparison? _comparison;

    [Params(TrainingAlgorithm.FastTree, TrainingAlgorithm.LightGbm)]
    public TrainingAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public async Task PrepareAsync()
    {
        _folder = Directory.CreateTempSubdirectory("scorecockpit-compiled-bench-").FullName;
        _warehouse = WarehouseConnectionInfo.Demo(new DataFolder(_folder));
        await using (var session = await OpenAsync())
        {
            // bench_train: ids 1…1M, the rows scored; bench_valid: the next 300,000, to fit (200,000) and validate.
            await TrainingData.GenerateAsync(session, Rows, TrainRows + ValidRows);
            await session.ExecuteAsync($"CREATE TABLE {ScoreTable} AS SELECT * EXCLUDE (logit) FROM {TrainingData.TrainTable} ORDER BY id");
            await session.ExecuteAsync($"CREATE TABLE {FitTable} AS SELECT * EXCLUDE (logit) FROM {TrainingData.ValidTable} WHERE id <= {Rows + TrainRows} ORDER BY id");
            await session.ExecuteAsync($"CREATE TABLE {CheckTable} AS SELECT * EXCLUDE (logit) FROM {TrainingData.ValidTable} WHERE id > {Rows + TrainRows} ORDER BY id");
            await session.ExecuteAsync($"COPY {FitTable} TO '{Csv("train")}' (HEADER, DELIMITER ',')");
            await session.ExecuteAsync($"COPY {ScoreTable} TO '{Csv("score")}' (HEADER, DELIMITER ',')");
            await session.ExecuteAsync("CHECKPOINT");

            var model = await ModelTrainer.TrainAsync(session, new TrainingRequest
            {
                TrainingTables = [FitTable],
                ValidationTable = CheckTable,
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
                Reduction = new ReductionSettings { Enabled = false },
            });
            _zip = model.ModelZip;
        }

        // The plan goes through its JSON form, as the registry stores it.
        var plan = ScoringPlanJson.Read(ScoringPlanJson.Write(PlanExtractor.FromModelZip(_zip, $"the {Algorithm} benchmark model")), "the benchmark plan");
        _compiled = new CompiledModel(plan);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [Benchmark]
    public async Task<int> ScoreAsync()
    {
        var sql = RenderedSql.Plain($"SELECT * FROM {ScoreTable} ORDER BY id");

        // (1) ML.NET's path: read and score row by row; the probabilities kept by id for the comparison.
        var mlNet = new float[Rows];
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _mlNet = await MeasureAsync(async () =>
        {
            var scorer = new ModelScorer(_zip);
            await using var session = await OpenAsync();
            await using var reader = await session.ReadAsync(sql);
            foreach (var row in scorer.Score(reader, TrainingData.Key).Rows)
            {
                mlNet[long.Parse(row.Key, CultureInfo.InvariantCulture) - 1] = row.Probability ?? row.Score;
            }
        });

        // (2) The kernel with its read: the columnar batch from the same query, then the kernel.
        var wanted = _compiled.Columns.ToDictionary(c => c.Key, c => c.Value, StringComparer.OrdinalIgnoreCase);
        var ids = new long[Rows];
        var raw = new float[Rows];
        var probability = new float[Rows];
        ColumnBatch? batch = null;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _kernelWithRead = await MeasureAsync(async () =>
        {
            await using var session = await OpenAsync();
            await using var reader = await session.ReadAsync(sql);
            var key = reader.GetOrdinal(TrainingData.Key);
            var n = 0;
            batch = ColumnBatch.Read(reader, wanted, Rows, r =>
            {
                ids[n++] = r.GetInt64(key);
                return true;
            });
            _compiled.Score(batch!, raw, probability);
        });

        // (3) The kernel alone on the batch in memory, a few times (one run is about a second or less).
        for (var i = 0; i < KernelRepeats; i++)
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            _kernel.Add(await MeasureAsync(() =>
            {
                _compiled.Score(batch!, raw, probability);
                return Task.CompletedTask;
            }));
        }

        var scored = _compiled.GivesProbabilities ? probability : raw;
        int differing = 0, nan = 0;
        double maxDifference = 0, sum = 0;
        for (var i = 0; i < batch!.Rows; i++)
        {
            var (kernel, reference) = (scored[i], mlNet[ids[i] - 1]);
            sum += kernel;
            if (float.IsNaN(kernel))
            {
                nan++;
            }

            if (BitConverter.SingleToInt32Bits(kernel) != BitConverter.SingleToInt32Bits(reference))
            {
                differing++;
                maxDifference = Math.Max(maxDifference, Math.Abs((double)kernel - reference));
            }
        }

        _comparison = new Comparison(batch.Rows, differing, maxDifference, nan, sum / batch.Rows, _compiled.GivesProbabilities);
        return differing;
    }

    [GlobalCleanup]
    public async Task CompareAsync()
    {
        try
        {
            if (_mlNet is not { } mlNet || _kernelWithRead is not { } withRead || _comparison is not { } comparison || _kernel.Count == 0)
            {
                return;
            }

            var all = await ScoringJob.ScoreSklearn.RunAsync(Csv("train"), Csv("score"), threads: null);
            var one = await ScoringJob.ScoreSklearn.RunAsync(Csv("train"), Csv("score"), threads: 1);
            var sorted = _kernel.OrderBy(m => m.Seconds).ToList();
            var (median, best) = (sorted[sorted.Count / 2], sorted[0]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// compiled-model algorithm={Algorithm} rows={comparison.Rows} cores={Environment.ProcessorCount} " +
                $"plan: slots={_compiled.Plan.Slots} inputs={_compiled.Plan.Inputs.Count} {TreeShape()} | " +
                $"kernel-in-memory median {median} rowsPerSec={Rows / median.Seconds:0} rowsPerCpuSec={Rows / median.Cpu:0} " +
                $"best {best.Seconds:0.000}s rowsPerSec={Rows / best.Seconds:0} peakOverRuns={_kernel.Max(m => m.PeakMb):0}MB " +
                $"all=[{string.Join(' ', _kernel.Select(m => m.Seconds.ToString("0.000", CultureInfo.InvariantCulture)))}] | " +
                $"kernel-with-read {withRead} rowsPerSec={Rows / withRead.Seconds:0} | " +
                $"mlnet-with-read {mlNet} rowsPerSec={Rows / mlNet.Seconds:0} | " +
                $"sklearn {all.Json} | sklearn-1-thread {one.Json} | " +
                $"speedup kernel/predict_proba={all.Predict / median.Seconds:0.0}x (1 thread {one.Predict / median.Seconds:0.0}x) " +
                $"kernel/mlnet={mlNet.Seconds / median.Seconds:0.0}x kernelWithRead/mlnet={mlNet.Seconds / withRead.Seconds:0.0}x | " +
                $"compare probabilities={comparison.Probabilities} differingRows={comparison.Differing} maxAbsDifference={comparison.MaxDifference:G3} " +
                $"nan={comparison.Nan} kernelMean={comparison.Mean:0.0000}"));
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Trees, those with a categorical split (walked row by row, not four rows at a time), nodes and average leaf depth.</summary>
    private string TreeShape()
    {
        if (_compiled.Plan.Ensemble is not { } ensemble)
        {
            return "linear";
        }

        double depths = 0, leaves = 0;
        foreach (var tree in ensemble.Trees)
        {
            var stack = new Stack<(int Node, int Depth)>();
            if (tree.Split.Length > 0)
            {
                stack.Push((0, 0));
            }

            while (stack.TryPop(out var at))
            {
                foreach (var child in new[] { tree.Left[at.Node], tree.Right[at.Node] })
                {
                    if (child >= 0)
                    {
                        stack.Push((child, at.Depth + 1));
                    }
                    else
                    {
                        (depths, leaves) = (depths + at.Depth + 1, leaves + 1);
                    }
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"trees={ensemble.Trees.Count} categoricalTrees={ensemble.Trees.Count(t => t.CategoricalSplits is { Count: > 0 })} " +
            $"nodes={ensemble.Trees.Sum(t => t.Split.Length)} meanLeafDepth={depths / Math.Max(1, leaves):0.0}");
    }

    private string Csv(string name) => Path.Combine(_folder, $"{name}.csv");

    private Task<WarehouseSession> OpenAsync() => new WarehouseConnector(NullLogger<WarehouseConnector>.Instance).OpenAsync(_warehouse);

    private static async Task<Measure> MeasureAsync(Func<Task> work)
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

    private sealed record Comparison(int Rows, int Differing, double MaxDifference, int Nan, double Mean, bool Probabilities);

    private sealed record Measure(double Seconds, double Cpu, double BaselineMb, double PeakMb, bool PeakReset, string LoadAverage)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"time={Seconds:0.000}s cpu={Cpu:0.00}s peak={PeakMb:0}MB (baseline {BaselineMb:0}MB{(PeakReset ? "" : ", peak NOT reset")}) loadavg={LoadAverage}");
    }
}
