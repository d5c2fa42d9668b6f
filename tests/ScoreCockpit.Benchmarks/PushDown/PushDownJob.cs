using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Benchmarks.Scoring;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.Benchmarks.PushDown;

/// <summary>
/// A whole scoring run in-process (the compiled kernel reads every row) against the same run in-warehouse (the plan
/// as SQL, ranks by window functions, distribution and drift by aggregates), in the same process on the same snapshot,
/// on DuckDB (embedded: its memory is this process's) and on a PostgreSQL cluster started here (a separate process, as
/// a real warehouse is). The score is <see cref="BenchScore"/>'s. One line starting with "// push-down" per case.
/// Sizes: SCORECOCKPIT_BENCH_CUSTOMERS (comma-separated), default 1,000,000 and 10,000,000; warehouses:
/// SCORECOCKPIT_BENCH_WAREHOUSES (DuckDb, Postgres), default both. On PostgreSQL the in-warehouse run is repeated by the
/// command line in a process of its own (<see cref="CliRun"/>), whose peak memory is the host's cost of the run.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*PushDownJob*'
/// Results: docs/benchmarks/push-down.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class PushDownJob
{
    private string _folder = "";
    private PostgresCluster? _cluster;
    private TimeSpan _setup;
    private (RunMeasure Time, ScoringRun Run)? _inProcess, _inWarehouse;
    private string? _cli;
    private CliRun? _cliRun;

    public static IEnumerable<int> Sizes() => ScoringRunJob.Sizes();

    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    /// <summary>DuckDB and PostgreSQL; SCORECOCKPIT_BENCH_WAREHOUSES=DuckDb or =Postgres runs only that one.</summary>
    public static IEnumerable<WarehouseKind> Warehouses() =>
        Environment.GetEnvironmentVariable("SCORECOCKPIT_BENCH_WAREHOUSES") is { Length: > 0 } kinds
            ? kinds.Split(',').Select(Enum.Parse<WarehouseKind>)
            : [WarehouseKind.DuckDb, WarehouseKind.Postgres];

    [ParamsSource(nameof(Warehouses))]
    public WarehouseKind Warehouse { get; set; }

    private string Connection => Warehouse == WarehouseKind.DuckDb ? WarehouseConnectionInfo.DemoName : "pg";

    [GlobalSetup]
    public async Task PrepareAsync()
    {
        try
        {
            await SetUpAsync();
        }
        catch
        {
            // A setup that fails is not cleaned up by the runner: the cluster and the folder would outlive it.
            await ReportAsync();
            throw;
        }
    }

    private async Task SetUpAsync()
    {
        var clock = Stopwatch.StartNew();
        _folder = Directory.CreateTempSubdirectory("scorecockpit-push-down-bench-").FullName;
        await using var services = Services();
        await services.PrepareCockpitStoreAsync();
        if (Warehouse == WarehouseKind.Postgres)
        {
            var bin = PostgresCluster.FindBinaries() ?? throw new InvalidOperationException("PostgreSQL's initdb and pg_ctl are needed: apt-get install postgresql.");
            _cluster = await PostgresCluster.StartAsync(bin);
            var database = await _cluster.CreateDatabaseAsync("bench");
            await services.GetRequiredService<WarehouseConnections>().SaveAsync(
                new SaveConnection(Connection, WarehouseKind.Postgres, database), Actor.Of("bench", Roles.Admin));
            _cli = await CliRun.BuildAsync(_folder);
        }

        await BenchScore.PrepareAsync(services, Customers, Connection, _folder);
        _setup = clock.Elapsed;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [Benchmark]
    public async Task<long> RunAsync()
    {
        await using var services = Services();
        await services.PrepareCockpitStoreAsync();
        var handler = services.GetRequiredService<RunScoringHandler>();
        var date = BenchScore.Dates[^1];
        // In-process first: the plan is derived and cached on its first use, which in-warehouse then reuses.
        _inProcess = await RunMeasure.OfAsync(stages =>
            handler.HandleAsync(new RunScoring(BenchScore.Score, date, Execution.InProcess), Actor.System, stages, CancellationToken.None));
        _inWarehouse = await RunMeasure.OfAsync(stages =>
            handler.HandleAsync(new RunScoring(BenchScore.Score, date, Execution.InWarehouse), Actor.System, stages, CancellationToken.None));
        if (_cli is not null)
        {
            // The same run from the command line, in a process of its own: the memory a scoring host needs for it.
            _cliRun = await CliRun.OfAsync(_cli, "score", BenchScore.Score, "--date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "--execution", "in-warehouse", "--data", _folder);
        }

        return _inWarehouse.Value.Run.Rows;
    }

    [GlobalCleanup]
    public async Task ReportAsync()
    {
        try
        {
            if (_inProcess is { } local && _inWarehouse is { } pushed)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"// push-down warehouse={Warehouse} customers={Customers} cores={Environment.ProcessorCount} setup={_setup.TotalSeconds:0}s | " +
                    $"in-process rows={local.Run.Rows} rowsPerSec={local.Run.Rows / local.Time.Seconds:0} {local.Time} | " +
                    $"in-warehouse rows={pushed.Run.Rows} rowsPerSec={pushed.Run.Rows / pushed.Time.Seconds:0} {pushed.Time} | " +
                    $"in-warehouse/in-process wall={local.Time.Seconds / pushed.Time.Seconds:0.00}x same-histogram={local.Run.HistogramJson == pushed.Run.HistogramJson} " +
                    $"same-cuts={local.Run.DecileCutsJson == pushed.Run.DecileCutsJson}{(_cliRun is { } cli ? $" | cli in-warehouse {cli}" : "")}"));
            }
        }
        finally
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
                _cluster = null;
            }

            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    private ServiceProvider Services() => Evaluation.EvaluateAllData.Services(_folder);
}
