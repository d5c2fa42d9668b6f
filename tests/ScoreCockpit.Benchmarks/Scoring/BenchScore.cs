using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Benchmarks.Training;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Benchmarks.Scoring;

/// <summary>
/// The scored score of the scoring-run benchmarks: LightGBM, 100 trees, 31 leaves, trained on 200,000 rows and
/// validated on 100,000, with a snapshot of the customers to score. Generated in the demo DuckDB and, for another
/// connection, copied to it before the snapshots are built there.
/// </summary>
internal static class BenchScore
{
    public const string Score = "bench";
    public static readonly DateOnly[] Dates = [new(2024, 1, 31), new(2024, 2, 29), new(2024, 3, 31)];
    private const int TrainRows = 200_000, ValidRows = 100_000;

    public static async Task PrepareAsync(ServiceProvider services, int customers, string connection, string folder)
    {
        await using (var session = await services.GetRequiredService<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName))
        {
            await TrainingData.GenerateAsync(session, customers, TrainRows + ValidRows);
            await session.ExecuteAsync($"CREATE TABLE bench_202401 AS SELECT * EXCLUDE (logit) FROM bench_valid WHERE id <= {customers + TrainRows}");
            await session.ExecuteAsync($"CREATE TABLE bench_202402 AS SELECT * EXCLUDE (logit) FROM bench_valid WHERE id > {customers + TrainRows}");
            await session.ExecuteAsync("CREATE TABLE bench_202403 AS SELECT * EXCLUDE (logit) FROM bench_train ORDER BY id");
            await session.ExecuteAsync("DROP TABLE bench_train");
            await session.ExecuteAsync("CHECKPOINT");
            if (connection != WarehouseConnectionInfo.DemoName)
            {
                await using var other = await services.GetRequiredService<WarehouseConnections>().OpenAsync(connection);
                foreach (var table in new[] { "bench_202401", "bench_202402", "bench_202403" })
                {
                    await ScoreCockpit.Tests.Shared.PostgresCopy.CopyAsync(session, other, table, folder);
                }
            }
        }

        await services.GetRequiredService<CreateScoreHandler>().HandleAsync(new CreateScore(new ScoreDefinition
        {
            Name = Score,
            Connection = connection,
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
    }
}
