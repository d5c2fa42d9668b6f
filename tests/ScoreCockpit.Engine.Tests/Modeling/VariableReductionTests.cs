using System.Text.Json.Nodes;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling;

/// <summary>
/// Variable reduction on real DuckDB snapshots: the churn snapshots plus a constant column, a column missing on 99 % of
/// the rows and a copy of tenure_months (r = 1) missing on a tenth of them.
/// </summary>
[Collection(ChurnSnapshotsCollection.Name)]
public sealed class VariableReductionTests(ChurnSnapshotsFixture snapshots)
{
    private static readonly FeatureColumn[] Added =
    [
        new("always_zero", ColumnKind.Numeric),
        new("rare_value", ColumnKind.Numeric),
        new("tenure_copy", ColumnKind.Numeric),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Default_thresholds_drop_the_constant_the_mostly_missing_and_the_correlated_column_with_their_reason()
    {
        var model = await ModelTrainer.TrainAsync(snapshots.Session, await RequestAsync(new ReductionSettings()), Ct);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", model.DroppedFeatures));
        var reasons = model.DroppedFeatures.ToDictionary(d => d.Column, d => d.Reason);
        Assert.Equal("constant (always 0)", reasons["always_zero"]);
        Assert.Matches(@"^mostly missing \(99(\.\d)? % missing ≥ 95 %\)$", reasons["rare_value"]);
        // More missing values than tenure_months: the copy goes, whatever the names.
        Assert.Equal("correlated with tenure_months (|r| = 1.00 ≥ 0.95)", reasons["tenure_copy"]);
        Assert.Contains(model.InputSchema, f => f.Name == "tenure_months");
        Assert.DoesNotContain(model.InputSchema, f => Added.Any(a => a.Name == f.Name));
        Assert.Empty(model.Notes);
        Assert.True(model.ValidationAuc > 0.6, $"AUC {model.ValidationAuc}");
    }

    [Fact]
    public async Task Thresholds_set_on_the_request_change_what_is_dropped()
    {
        var settings = new ReductionSettings { MaxMissingShare = 1, MaxCorrelation = 1 };

        var model = await ModelTrainer.TrainAsync(snapshots.Session, await RequestAsync(settings), Ct);

        // Missing on 99 % is below 100 %: kept. A perfect copy still reaches |r| = 1.
        Assert.Contains(model.InputSchema, f => f.Name == "rare_value");
        Assert.Equal(
            [new DroppedFeature("always_zero", "constant (always 0)"), new DroppedFeature("tenure_copy", "correlated with tenure_months (|r| = 1.00 ≥ 1)")],
            model.DroppedFeatures.Where(d => Added.Any(a => a.Name == d.Column)));
    }

    [Fact]
    public async Task Disabled_reduction_keeps_every_usable_feature()
    {
        var model = await ModelTrainer.TrainAsync(snapshots.Session, await RequestAsync(new ReductionSettings { Enabled = false, TopK = 3 }), Ct);

        Assert.Empty(model.DroppedFeatures);
        Assert.Equal([.. snapshots.Features.Select(f => f.Name), .. Added.Select(a => a.Name)], model.InputSchema.Select(f => f.Name));
    }

    [Fact]
    public async Task Top_k_keeps_the_most_important_features_of_a_first_fit_and_refits_on_them()
    {
        var request = await RequestAsync(new ReductionSettings { TopK = 5 });

        var model = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);
        var again = await ModelTrainer.TrainAsync(snapshots.Session, request, Ct);

        Assert.Equal(5, model.InputSchema.Count);
        Assert.Equal(5, model.FeatureImportance.Count);
        var outside = model.DroppedFeatures.Where(d => d.Reason == "not in the top 5 by importance").Select(d => d.Column).ToList();
        Assert.NotEmpty(outside);
        Assert.Equal(snapshots.Features.Count + Added.Length, model.DroppedFeatures.Count + 5);
        Assert.Empty(outside.Intersect(model.InputSchema.Select(f => f.Name)));
        Assert.Equal(model.DroppedFeatures, again.DroppedFeatures);
        Assert.Equal(model.ModelZip, again.ModelZip);
        Assert.True(model.ValidationAuc > 0.6, $"AUC {model.ValidationAuc}");
    }

    [Fact]
    public async Task Thresholds_outside_their_range_are_refused_before_training()
    {
        var request = await RequestAsync(new ReductionSettings { MaxCorrelation = 1.5 });

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ModelTrainer.TrainAsync(snapshots.Session, request, Ct));

        Assert.Contains("maxCorrelation", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_a_correlated_pair_the_one_with_more_missing_values_goes_then_the_later_by_name()
    {
        var facts = new Dictionary<string, ColumnFacts>
        {
            ["a"] = new(0, false, null),
            ["b"] = new(0, false, null),
            ["c"] = new(5, false, null),
            ["d"] = new(0, false, null),
        };
        Correlation[] pairs = [new("a", "b", 0.99), new("a", "c", 0.97), new("b", "c", 0.96), new("a", "d", 0.5)];

        var dropped = VariableReduction.Correlated(pairs, facts, 0.95);

        // a–b: same missing count, b is later; a–c: c misses more; b–c: b already went.
        Assert.Equal([new DroppedFeature("b", "correlated with a (|r| = 0.99 ≥ 0.95)"), new DroppedFeature("c", "correlated with a (|r| = 0.97 ≥ 0.95)")],
            dropped);
    }

    [Fact]
    public void Reduction_settings_round_trip_in_the_score_definition_json_and_default_when_absent()
    {
        var definition = DemoScores.Churn with { Reduction = new ReductionSettings { MaxCorrelation = 0.9, TopK = 20 } };

        var json = ScoreDefinitionJson.Write(definition);
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("reduction");

        Assert.Contains("\"maxCorrelation\": 0.9", json, StringComparison.Ordinal);
        Assert.Equal(definition.Reduction, ScoreDefinitionJson.Read(json).Reduction);
        // A definition exported before reduction existed reads with the defaults.
        Assert.Equal(new ReductionSettings(), ScoreDefinitionJson.Read(node.ToJsonString()).Reduction);
    }

    /// <summary>The churn request on copies of the snapshots holding the three added columns (made once per test, same data each time).</summary>
    private async Task<TrainingRequest> RequestAsync(ReductionSettings reduction)
    {
        var tables = snapshots.TrainingTables.Append(snapshots.ValidationTable).ToList();
        foreach (var table in tables)
        {
            await snapshots.Session.ExecuteAsync(
                $"""
                CREATE OR REPLACE TABLE {table}_reduction AS SELECT *,
                    0 AS always_zero,
                    CASE WHEN hash(customer_id) % 100 = 0 THEN hash(customer_id * 7 + 3) % 1000 END AS rare_value,
                    CASE WHEN hash(customer_id) % 10 <> 0 THEN tenure_months * 2 + 1 END AS tenure_copy
                FROM {table}
                """, Ct);
        }

        return snapshots.Request(TrainingAlgorithm.LightGbm) with
        {
            TrainingTables = [.. snapshots.TrainingTables.Select(t => t + "_reduction")],
            ValidationTable = snapshots.ValidationTable + "_reduction",
            Features = [.. snapshots.Features, .. Added],
            Reduction = reduction,
        };
    }
}
