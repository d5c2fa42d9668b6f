using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling;

/// <summary>
/// Importance counts every kind of split: LightGBM splits a categorical column's one-hot levels as one categorical
/// split, FastTree splits them one level at a time; either way the column gets its share. ML.NET lets LightGBM make
/// categorical splits only above 50,000 training rows, so the trainings here read each snapshot four times.
/// </summary>
[Collection(ChurnSnapshotsCollection.Name)]
public sealed class ImportanceTests(ChurnSnapshotsFixture snapshots)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(TrainingAlgorithm.LightGbm)]
    [InlineData(TrainingAlgorithm.FastTree)]
    public async Task A_model_on_categorical_columns_only_shares_all_its_importance_among_them(TrainingAlgorithm algorithm)
    {
        var categorical = snapshots.Features.Where(f => f.Kind == ColumnKind.Categorical).ToList();
        Assert.True(categorical.Count >= 2, $"the churn snapshots have {categorical.Count} categorical column(s)");

        var model = await ModelTrainer.TrainAsync(snapshots.Session, await LargeRequestAsync(algorithm) with { Features = categorical }, Ct);

        Report(algorithm, model);
        Assert.True(model.TrainingRows > 50_000, $"{model.TrainingRows} training rows");
        Assert.True(model.ValidationAuc > 0.55, $"{algorithm}: AUC {model.ValidationAuc} on categorical columns only");
        Assert.Equal(categorical.Select(f => f.Name).Order(StringComparer.Ordinal),
            model.FeatureImportance.Select(f => f.Column).Order(StringComparer.Ordinal));
        Assert.InRange(model.FeatureImportance.Sum(f => f.Share), 0.999, 1.001);
        Assert.True(model.FeatureImportance.Count(f => f.Share > 0) >= 2,
            $"{algorithm}: {string.Join(", ", model.FeatureImportance.Select(f => $"{f.Column} {f.Share:0.000}"))}");
    }

    [Theory]
    [InlineData(TrainingAlgorithm.LightGbm)]
    [InlineData(TrainingAlgorithm.FastTree)]
    public async Task In_a_mixed_model_categorical_columns_keep_a_share(TrainingAlgorithm algorithm)
    {
        var categorical = snapshots.Features.Where(f => f.Kind == ColumnKind.Categorical).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        var model = await ModelTrainer.TrainAsync(snapshots.Session, await LargeRequestAsync(algorithm), Ct);

        Report(algorithm, model);
        Assert.InRange(model.FeatureImportance.Sum(f => f.Share), 0.999, 1.001);
        var share = model.FeatureImportance.Where(f => categorical.Contains(f.Column)).Sum(f => f.Share);
        Assert.True(share > 0.01, $"{algorithm}: categorical columns share {share:0.000}");
        Assert.Contains(model.FeatureImportance, f => !categorical.Contains(f.Column) && f.Share > 0);
    }

    private async Task<TrainingRequest> LargeRequestAsync(TrainingAlgorithm algorithm)
    {
        var tables = new List<string>();
        foreach (var table in snapshots.TrainingTables)
        {
            for (var copy = 1; copy <= 3; copy++)
            {
                await snapshots.Session.ExecuteAsync($"CREATE OR REPLACE TABLE {table}_x{copy} AS SELECT * FROM {table}", Ct);
                tables.Add($"{table}_x{copy}");
            }
        }

        return snapshots.Request(algorithm) with { TrainingTables = [.. snapshots.TrainingTables, .. tables] };
    }

    private static void Report(TrainingAlgorithm algorithm, TrainedModel model) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{algorithm}: AUC {model.ValidationAuc:0.000}, {model.TrainingRows} rows; " +
            string.Join(", ", model.FeatureImportance.Select(f => $"{f.Column} {f.Share:0.000}")));
}
