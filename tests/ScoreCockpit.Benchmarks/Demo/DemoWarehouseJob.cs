using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Benchmarks.Demo;

/// <summary>
/// Whole job, timed once per size in its own process: generate the demo telecom warehouse into a fresh
/// DuckDB file, then materialise the churn score's 30 snapshots (`CREATE TABLE snap_churn_… AS dataprep`).
/// Besides BenchmarkDotNet's time, the run prints a line starting with "// demo-warehouse": the wall time of
/// both phases, their CPU time (all threads), the process's peak working set (DuckDB's native memory, which is
/// nearly all of it, included; BenchmarkDotNet's memory diagnoser would only see the 1.4 MB managed) and the file size.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*DemoWarehouseJob*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class DemoWarehouseJob
{
    private string _folder = "";

    [Params(50_000, 1_000_000)]
    public int Customers { get; set; }

    [IterationSetup]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("scorecockpit-demo-bench-").FullName;

    [Benchmark]
    public async Task<long> BuildDemoAndChurnSnapshotsAsync()
    {
        var options = new DemoOptions(new DateOnly(2026, 10, 31), Customers);
        var info = WarehouseConnectionInfo.Demo(new DataFolder(_folder));
        await using var session = await new WarehouseConnector(NullLogger<WarehouseConnector>.Instance).OpenAsync(info);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await DemoWarehouse.BuildAsync(session, options);
        var build = clock.Elapsed;

        clock.Restart();
        long rows = 0;
        foreach (var date in DemoScores.ReferenceDates(options))
        {
            var score = DemoScores.Churn;
            var sql = SqlTemplate.RenderLiterals(score.DataprepSql, DemoScores.Variables(score, date), session.Dialect);
            var table = $"snap_churn_{date:yyyyMMdd}";
            await session.ExecuteAsync(sql with { Sql = session.Dialect.CreateTableAs(table, sql.Sql) });
            rows += await session.CountRowsAsync(table);
        }

        var snapshots = clock.Elapsed;
        await session.ExecuteAsync("CHECKPOINT");
        Console.WriteLine(
            $"// demo-warehouse customers={Customers} build={build.TotalSeconds:0.0}s snapshots30={snapshots.TotalSeconds:0.0}s " +
            $"snapshotRows={rows} cpu={(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0}s peakWorkingSet={Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576}MB " +
            $"file={new FileInfo(Path.Combine(_folder, "warehouse.duckdb")).Length / 1_048_576}MB gen2={GC.CollectionCount(2)}");
        return rows;
    }

    [IterationCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);
}
