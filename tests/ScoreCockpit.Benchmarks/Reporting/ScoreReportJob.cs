using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Benchmarks.Training;
using ScoreCockpit.Engine;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Benchmarks.Reporting;

/// <summary>
/// Whole job: <see cref="ScoreReportHandler"/> writes one score's report for a score with 24 versions (every fourth a
/// challenger) × 36 monthly evaluation dates = 864 evaluations, 5 activations and 36 scoring runs, inserted directly into
/// a temporary SQLite cockpit store (no training). One warm-up report, then <see cref="Runs"/> timed ones; the line
/// starting with "// score-report" gives p50/p95 wall time, the file size and the peak resident set (VmHWM after a reset).
/// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*ScoreReportJob*'
/// Results: docs/benchmarks/reporting.md.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class ScoreReportJob
{
    public const int Versions = 24;
    public const int Dates = 36;
    public const int Runs = 10;

    private static readonly DateOnly FirstDate = new(2023, 3, 31);
    private static readonly decimal[] Cutoffs = [1m, 5m, 10m, 20m];

    private string _folder = "";
    private ServiceProvider _services = null!;
    private string _line = "";

    [GlobalSetup]
    public async Task FillAsync()
    {
        _folder = Directory.CreateTempSubdirectory("scorecockpit-report-bench-").FullName;
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
        await using var db = await _services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync();
        var scoreId = db.Scores.Single().Id;
        var random = new Random(42);
        var dates = Enumerable.Range(0, Dates).Select(m => MonthEnd(m)).ToList();
        for (var v = 1; v <= Versions; v++)
        {
            // Monthly retrains from month 12, each on the 12 labelled months before it (3-month horizon).
            var asOf = MonthEnd(11 + v);
            var training = dates.Where(d => d <= asOf.AddMonths(-3) && d > asOf.AddMonths(-15)).ToList();
            var version = new ModelVersion
            {
                ScoreId = scoreId,
                Number = v,
                AsOfDate = asOf,
                Algorithm = "LightGbm",
                ChallengerName = v % 4 == 0 ? "logistic" : null,
                TrainingDatesJson = JsonSerializer.Serialize(training),
                ArtifactSha256 = $"{v:x64}",
                TrainedAt = asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                TrainedBy = "system",
            };
            db.ModelVersions.Add(version);
            await db.SaveChangesAsync();
            db.Evaluations.AddRange(dates.Select(d => Evaluation(scoreId, version.Id, d, training.Contains(d), random)));
            if (v == 1 || v % 5 == 0)
            {
                db.Activations.Add(new Activation { ScoreId = scoreId, VersionId = version.Id, ActivatedAt = version.TrainedAt.AddDays(3), ActivatedBy = "ana@example.com", Comment = $"v{v} beats the previous one" });
            }
        }

        var active = db.ModelVersions.Local.Single(v => v.Number == 20).Id;
        db.ScoringRuns.AddRange(dates.Select(d => new ScoringRun
        {
            ScoreId = scoreId,
            VersionId = active,
            ReferenceDate = d,
            Status = ScoringStatus.Succeeded,
            OutputTable = "scores_churn",
            StartedAt = d.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            StartedBy = "system",
            Owner = "bench",
            Rows = 100_000,
            Mean = 0.14 + random.NextDouble() / 100,
            ScorePsi = random.NextDouble() / 5,
            DurationMs = 4_000,
        }));
        await db.SaveChangesAsync();
    }

    [Benchmark]
    public async Task<long> ReportAsync()
    {
        var handler = _services.GetRequiredService<ScoreReportHandler>();
        var bytes = (await WriteAsync(handler)).Length;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var baseline = PeakMemory.CurrentMegabytes();
        var reset = PeakMemory.Reset();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await WriteAsync(handler);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        _line = string.Create(CultureInfo.InvariantCulture,
            $"// score-report versions={Versions} dates={Dates} evaluations={Versions * Dates} runs={Runs} p50={Percentile(times, 0.5):0}ms " +
            $"p95={Percentile(times, 0.95):0}ms min={times[0]:0}ms max={times[^1]:0}ms file={bytes / 1024.0:0}KB peak={PeakMemory.PeakMegabytes():0}MB " +
            $"(baseline {baseline:0}MB{(reset ? "" : ", peak NOT reset")}) loadavg={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return bytes;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine(_line);
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<byte[]> WriteAsync(ScoreReportHandler handler)
    {
        using var file = new MemoryStream();
        await handler.WriteAsync("churn", file, Actor.System);
        return file.ToArray();
    }

    private static DateOnly MonthEnd(int month) => FirstDate.AddDays(1).AddMonths(month).AddDays(-1);

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static VersionEvaluation Evaluation(int scoreId, long versionId, DateOnly date, bool inSample, Random random)
    {
        var auc = 0.70 + random.NextDouble() / 10 + (inSample ? 0.05 : 0);
        var lift = 2 + random.NextDouble() * 2;
        var cutoffs = Cutoffs.Select(p => new CutoffMetric(p, lift * (1.5 - (double)p / 40), (double)p / 100 * lift)).ToList();
        var deciles = Enumerable.Range(1, 10).Select(d => new DecileRow(d, 10_000, 1_400 / d, 0.14 / d, Math.Min(1, d / 5.0), lift / d)).ToList();
        return new VersionEvaluation
        {
            ScoreId = scoreId,
            VersionId = versionId,
            EvaluationDate = date,
            InSample = inSample,
            Rows = 100_000,
            Positives = 14_000,
            BaseRate = 0.14,
            Auc = auc,
            Gini = 2 * auc - 1,
            Ks = auc - 0.3,
            Brier = 0.11 + random.NextDouble() / 100,
            LogLoss = 0.38,
            CutoffsJson = JsonSerializer.Serialize(cutoffs, ScoreDefinitionJson.Options),
            DecilesJson = JsonSerializer.Serialize(deciles, ScoreDefinitionJson.Options),
            ComputedAt = date.AddMonths(3).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
    }
}
