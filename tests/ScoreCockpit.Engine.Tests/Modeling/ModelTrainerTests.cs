using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling;

[Collection(ChurnSnapshotsCollection.Name)]
public sealed class ModelTrainerTests(ChurnSnapshotsFixture snapshots)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TrainingAlgorithm.FastTree)]
    [InlineData(TrainingAlgorithm.LightGbm)]
    [InlineData(TrainingAlgorithm.LogisticRegression)]
    [InlineData(TrainingAlgorithm.FastForest)]
    public async Task Churn_trained_on_six_snapshots_ranks_the_next_one_better_than_chance(TrainingAlgorithm algorithm)
    {
        var model = await ModelTrainer.TrainAsync(snapshots.Session, snapshots.Request(algorithm), Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{algorithm}: AUC {model.ValidationAuc:0.000}, lift@10 {model.ValidationLift10:0.00}, {model.TrainingRows} rows " +
            $"({model.TrainingPositives} positives), {model.Duration.TotalSeconds:0.00} s, zip {model.ModelZip.Length} bytes; top: " +
            string.Join(", ", model.FeatureImportance.Take(5).Select(f => $"{f.Column} {f.Share:0.00}")));
        Assert.True(model.ValidationAuc > 0.6, $"{algorithm}: AUC {model.ValidationAuc}");
        Assert.True(model.ValidationLift10 > 1.2, $"{algorithm}: lift {model.ValidationLift10}");
        Assert.Equal(await TotalRowsAsync(snapshots.TrainingTables), model.TrainingRows);
        Assert.Equal(await snapshots.Session.CountRowsAsync(snapshots.ValidationTable, Ct), model.ValidationRows);
        Assert.InRange(model.FeatureImportance.Sum(f => f.Share), 0.999, 1.001);
        Assert.DoesNotContain(model.InputSchema, f => f.Name is "customer_id" or "date_ref" or "churned");
        Assert.Equal(algorithm, model.Algorithm);
        Assert.NotEmpty(model.ModelZip);
    }

    [Theory]
    [InlineData(TrainingAlgorithm.FastTree)]
    [InlineData(TrainingAlgorithm.LightGbm)]
    [InlineData(TrainingAlgorithm.LogisticRegression)]
    public async Task Two_trainings_with_the_same_inputs_give_identical_predictions(TrainingAlgorithm algorithm)
    {
        var request = snapshots.Request(algorithm);
        var first = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);
        var second = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);

        Assert.Equal(await ScoresAsync(first), await ScoresAsync(second));
        Assert.Equal(first.ValidationAuc, second.ValidationAuc);
        Assert.Equal(first.FeatureImportance, second.FeatureImportance);
        // The model zip is normalised (fixed entry times), so the same training gives the same bytes.
        Assert.Equal(first.ModelZip, second.ModelZip);
    }

    [Fact]
    public async Task Above_the_row_cap_a_deterministic_sample_by_key_is_trained_on()
    {
        var request = snapshots.Request(TrainingAlgorithm.LightGbm) with { MaxTrainingRows = 5_000 };

        var first = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);
        var second = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);

        Assert.InRange(first.TrainingRows, 4_500, 5_500);
        Assert.Equal(first.TrainingRows, second.TrainingRows);
        Assert.Equal(await ScoresAsync(first), await ScoresAsync(second));
        Assert.True(first.ValidationAuc > 0.6, $"AUC {first.ValidationAuc}");
    }

    [Fact]
    public async Task The_warehouse_sample_keeps_the_rows_the_in_memory_sample_keeps()
    {
        var request = snapshots.Request(TrainingAlgorithm.LightGbm) with { MaxTrainingRows = 5_000 };

        var inSql = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);
        var inMemory = await ModelTrainer.TrainAsync(snapshots.Session, request with { SamplesInMemory = true }, Ct);

        Assert.Equal(inMemory.TrainingRows, inSql.TrainingRows);
        Assert.Equal(inMemory.TrainingPositives, inSql.TrainingPositives);
    }

    [Fact]
    public async Task Identifiers_and_dates_are_dropped_and_reported()
    {
        var request = snapshots.Request(TrainingAlgorithm.LogisticRegression) with
        {
            Features = [.. snapshots.Features.Select(f => f.Name switch
            {
                "age" => f with { Kind = ColumnKind.Identifier },
                "device_age_months" => f with { Kind = ColumnKind.Date },
                _ => f,
            })],
        };

        var model = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);

        Assert.Equal([new DroppedFeature("age", "identifier: not used by models"), new DroppedFeature("device_age_months", "date: not used by models")],
            model.DroppedFeatures.OrderBy(d => d.Column, StringComparer.Ordinal));
        Assert.DoesNotContain(model.InputSchema, f => f.Name is "age" or "device_age_months");
        Assert.Equal(snapshots.Features.Count - 2, model.InputSchema.Count);
    }

    [Fact]
    public async Task A_feature_absent_from_some_training_snapshots_is_missing_there()
    {
        var old = snapshots.TrainingTables.Take(3).Select(t => t + "_old").ToList();
        foreach (var (table, copy) in snapshots.TrainingTables.Zip(old))
        {
            await snapshots.Session.ExecuteAsync($"CREATE OR REPLACE TABLE {copy} AS SELECT * EXCLUDE (care_calls_3m) FROM {table}", Ct);
        }

        var request = snapshots.Request(TrainingAlgorithm.FastTree) with
        {
            TrainingTables = [.. old, .. snapshots.TrainingTables.Skip(3)],
        };

        var model = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);

        Assert.Contains(model.InputSchema, f => f.Name == "care_calls_3m");
        Assert.Equal(await TotalRowsAsync(snapshots.TrainingTables), model.TrainingRows);
        Assert.True(model.ValidationAuc > 0.6, $"AUC {model.ValidationAuc}");
    }

    [Fact]
    public void Hyperparameters_have_defaults_and_refuse_unknown_names()
    {
        var hp = Hyperparameters.Resolve(TrainingAlgorithm.FastTree, new Dictionary<string, double> { ["trees"] = 50 });

        Assert.Equal(50, hp[Hyperparameters.Trees]);
        Assert.Equal(31, hp[Hyperparameters.Leaves]);
        Assert.Equal(0.1, hp[Hyperparameters.LearningRate]);
        Assert.Equal(20, hp[Hyperparameters.MinExamplesPerLeaf]);
        var e = Assert.Throws<ArgumentException>(() =>
            Hyperparameters.Resolve(TrainingAlgorithm.LogisticRegression, new Dictionary<string, double> { ["leaves"] = 8 }));
        Assert.Contains("'leaves'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_round_trips_through_json()
    {
        var request = snapshots.Request(TrainingAlgorithm.FastForest) with
        {
            Hyperparameters = new Dictionary<string, double> { ["trees"] = 10 },
        };

        var json = System.Text.Json.JsonSerializer.Serialize(request);
        var back = System.Text.Json.JsonSerializer.Deserialize<TrainingRequest>(json)!;

        Assert.Contains("\"FastForest\"", json, StringComparison.Ordinal);
        Assert.Equal(request.TrainingTables, back.TrainingTables);
        Assert.Equal(request.Features, back.Features);
        Assert.Equal(10, back.Hyperparameters["trees"]);
        Assert.Equal(request.Seed, back.Seed);
    }

    private async Task<long> TotalRowsAsync(IEnumerable<string> tables)
    {
        long total = 0;
        foreach (var table in tables)
        {
            total += await snapshots.Session.CountRowsAsync(table, Ct);
        }

        return total;
    }

    private async Task<List<ScoredRow>> ScoresAsync(TrainedModel model)
    {
        await using var reader = await snapshots.Session.ReadAsync(RenderedSql.Plain($"SELECT * FROM {snapshots.ValidationTable}"), Ct);
        return new ModelScorer(model.ModelZip).Score(reader, "customer_id").Rows.ToList();
    }
}
