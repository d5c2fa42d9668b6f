using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Benchmarks.Training;
using ScoreCockpit.Engine;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring.Export;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Benchmarks.Scoring;

/// <summary>
/// Whole job, timed once per format in its own process: <see cref="ExportScoresHandler"/> writes 1,000,000 scores of one
/// reference date (an output table filled directly in DuckDB SQL, no training) to a file, as `export-scores` does.
/// The line starting with "// export-scores" gives the wall time, CPU time (all threads), rows/s, the file size and
/// the peak resident set (VmHWM after a reset, DuckDB's native memory included) against its baseline.
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*ExportScoresJob*'
/// Results: docs/benchmarks/scoring.md, "Exporting scores".
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class ExportScoresJob
{
    public const int Rows = 1_000_000;

    private string _folder = "";
    private ServiceProvider _services = null!;
    private string _line = "";

    [Params(ScoreFileFormat.Csv, ScoreFileFormat.Xlsx)]
    public ScoreFileFormat Format { get; set; }

    [GlobalSetup]
    public async Task FillAsync()
    {
        _folder = Directory.CreateTempSubdirectory("scorecockpit-export-bench-").FullName;
        var data = new DataFolder(_folder);
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddScoreCockpitEngine(data, StoreSettings.Resolve(null, null, data));
        _services = collection.BuildServiceProvider();
        await _services.PrepareCockpitStoreAsync();
        await _services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = "churn",
            DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned",
            KeyColumn = "customer_id",
            TargetColumn = "churned",
            ReferenceDateColumn = "date_ref",
        }), Actor.System);

        // The output table's shape (see ScoreOutput): a previous month too, so the export filters one date of two.
        await using var session = await _services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName);
        await session.ExecuteAsync(
            "CREATE TABLE scores_churn (customer_id VARCHAR(200) NOT NULL, score FLOAT8 NOT NULL, score_rank BIGINT NOT NULL, " +
            "decile INTEGER NOT NULL, percentile FLOAT8 NOT NULL, version INTEGER NOT NULL, reference_date DATE NOT NULL)");
        foreach (var (date, version) in new[] { ("2026-01-31", 4), ("2026-02-28", 5) })
        {
            await session.ExecuteAsync(
                $"INSERT INTO scores_churn SELECT 'C' || lpad(CAST(hash(i) % 100000000 AS VARCHAR), 8, '0') || '-' || i, 1 - i / {Rows + 1}.0 + random() / 1e7, " +
                $"i, CAST(ceil(i * 10.0 / {Rows}) AS INTEGER), 100.0 * ({Rows} - i + 1) / {Rows}, {version}, DATE '{date}' " +
                $"FROM range({Rows}, 0, -1) t(i)");
        }

        await session.ExecuteAsync("CHECKPOINT");
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    [Benchmark]
    public async Task<long> ExportAsync()
    {
        var handler = _services.GetRequiredService<ExportScoresHandler>();
        var file = Path.Combine(_folder, $"churn.{Format.ToString().ToLowerInvariant()}");
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        ScoreExport export;
        await using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            export = await handler.HandleAsync(new ExportScores("churn", Format), stream);
        }

        var elapsed = clock.Elapsed;
        _line = string.Create(CultureInfo.InvariantCulture,
            $"// export-scores format={Format} rows={export.Rows} date={export.Date:yyyy-MM-dd} time={elapsed.TotalSeconds:0.00}s " +
            $"cpu={(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00}s rowsPerSecond={export.Rows / elapsed.TotalSeconds:0} " +
            $"file={new FileInfo(file).Length / 1_048_576.0:0.0}MB peak={PeakMemory.PeakMegabytes():0}MB " +
            $"(baseline {baseline:0}MB{(reset ? "" : ", peak NOT reset")}) loadavg={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return export.Rows;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine(_line);
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
