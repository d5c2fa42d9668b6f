using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.Benchmarks.Portfolio;

/// <summary>
/// Whole job on a generated store of 100 scores × 24 versions × 36 monthly evaluations (86,400 evaluation rows, see
/// <see cref="OverviewData"/>): the Overview's first page (<see cref="PortfolioQuery"/>), one score page's data (AUC of
/// every version over time, the active line, every version on the latest date, the version list) and the portfolio
/// Excel sheet, each 30 times after 3 warm-ups. Lines starting with "// overview" give p50 and p95.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*OverviewJob*'
/// Results: docs/benchmarks/portfolio.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class OverviewJob
{
    public const int Scores = 100;
    public const int Repetitions = 30;

    private readonly List<string> _lines = [];
    private string _folder = "";
    private ServiceProvider _services = null!;
    private PostgresCluster? _cluster;

    /// <summary>SQLite in the data folder, or a PostgreSQL cluster started for the run (as the store tests do).</summary>
    [Params(StoreProvider.Sqlite, StoreProvider.Postgres)]
    public StoreProvider Store { get; set; }

    [GlobalSetup]
    public async Task FillAsync()
    {
        _folder = Directory.CreateTempSubdirectory("scorecockpit-overview-bench-").FullName;
        var data = new DataFolder(_folder);
        var collection = new ServiceCollection();
        collection.AddLogging();
        var store = StoreSettings.Resolve(null, null, data);
        if (Store == StoreProvider.Postgres)
        {
            _cluster = await PostgresCluster.StartAsync(PostgresCluster.FindBinaries()
                ?? throw new InvalidOperationException($"PostgreSQL was not found: apt-get install postgresql, or set {PostgresCluster.BinEnvironmentVariable}."));
            store = new StoreSettings(StoreProvider.Postgres, await _cluster.CreateDatabaseAsync("overview_bench"));
        }

        collection.AddScoreCockpitEngine(data, store);
        _services = collection.BuildServiceProvider();
        await _services.PrepareCockpitStoreAsync();
        var clock = Stopwatch.StartNew();
        await OverviewData.FillAsync(_services, Scores);
        if (Store == StoreProvider.Postgres)
        {
            // A live store's autovacuum keeps the planner's statistics; a freshly bulk-filled one has none yet.
            await using var db = await _services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync();
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "ANALYZE");
        }
        _lines.Add($"// overview store={Store} generated {Scores} scores in {clock.Elapsed.TotalSeconds:0.0}s");
    }

    [Benchmark]
    public async Task MeasureAsync()
    {
        var portfolio = _services.GetRequiredService<PortfolioQuery>();
        var performance = _services.GetRequiredService<PerformanceQueries>();
        var versions = _services.GetRequiredService<ListVersionsHandler>();
        var report = _services.GetRequiredService<PortfolioReportHandler>();
        var score = OverviewData.Name(Scores / 2);

        await TimeAsync("first page", async () => (await portfolio.GetAsync(new PortfolioRequest(null, null))).Rows.Count);
        await TimeAsync("watch filter, page 2 of 10", async () =>
            (await portfolio.GetAsync(new PortfolioRequest("score-0", HealthLevel.Watch, "-auc", 1, 10))).Rows.Count);
        await TimeAsync("score page", async () =>
        {
            var series = await performance.OverTimeAsync(score, "auc");
            var active = await performance.ActiveOverTimeAsync(score, "auc");
            var latest = await performance.OnDateAsync(score);
            var list = await versions.HandleAsync(score);
            return series.Count + active.Count + latest.Count + list.Count;
        });
        await TimeAsync("portfolio xlsx", async () =>
        {
            using var file = new MemoryStream();
            await report.WriteAsync(file);
            return (int)file.Length;
        });
    }

    private async Task TimeAsync(string what, Func<Task<int>> step)
    {
        var size = 0;
        for (var i = 0; i < 3; i++)
        {
            size = await step();
        }

        var times = new List<double>();
        for (var i = 0; i < Repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            await step();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        _lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"// overview store={Store} {what}: p50={Percentile(times, 0.50):0.0}ms p95={Percentile(times, 0.95):0.0}ms " +
            $"max={times[^1]:0.0}ms n={Repetitions} size={size} loadavg={File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _lines.ForEach(Console.WriteLine);
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
