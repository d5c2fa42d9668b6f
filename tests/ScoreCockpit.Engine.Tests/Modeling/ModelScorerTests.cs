using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling;

[Collection(ChurnSnapshotsCollection.Name)]
public sealed class ModelScorerTests(ChurnSnapshotsFixture snapshots) : IAsyncLifetime
{
    private TrainedModel _model = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _model = await ModelTrainer.TrainAsync(snapshots.Session, snapshots.Request(TrainingAlgorithm.LightGbm), Ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Scores_every_row_of_a_snapshot_like_the_validation_did()
    {
        var (warnings, rows) = await ScoreAsync($"SELECT * FROM {snapshots.ValidationTable}");

        Assert.Empty(warnings);
        Assert.Equal(_model.ValidationRows, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.InRange(r.Probability!.Value, 0f, 1f));
        Assert.Equal(_model.InputSchema.Select(f => f.Name), new ModelScorer(_model.ModelZip).Inputs.Keys);
    }

    [Fact]
    public async Task A_missing_column_is_scored_as_missing_with_a_warning()
    {
        var (full, _) = await ScoreAsync($"SELECT * FROM {snapshots.ValidationTable}");
        var (warnings, rows) = await ScoreAsync($"SELECT * EXCLUDE (data_trend_3m, region) FROM {snapshots.ValidationTable}");

        Assert.Empty(full);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("'data_trend_3m'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'region'", StringComparison.Ordinal));
        Assert.Equal(_model.ValidationRows, rows.Count);
        Assert.All(rows, r => Assert.True(float.IsFinite(r.Score)));
    }

    [Fact]
    public async Task A_column_whose_type_changed_fails_naming_the_column()
    {
        await using var reader = await snapshots.Session.ReadAsync(RenderedSql.Plain(
            $"SELECT * REPLACE (CAST(data_gb AS VARCHAR) AS data_gb) FROM {snapshots.ValidationTable}"), Ct);

        var e = Assert.Throws<ModelInputException>(() => new ModelScorer(_model.ModelZip).Score(reader, "customer_id", "snap_test"));

        Assert.Contains("'data_gb'", e.Message, StringComparison.Ordinal);
        Assert.Contains("snap_test", e.Message, StringComparison.Ordinal);
        Assert.Contains("String", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_category_never_seen_in_training_scores_like_any_other_rare_level()
    {
        var (warnings, rows) = await ScoreAsync($"SELECT * REPLACE ('Atlantis' AS region, 'Carrier pigeon' AS channel) FROM {snapshots.ValidationTable}");

        Assert.Empty(warnings);
        Assert.Equal(_model.ValidationRows, rows.Count);
        Assert.All(rows, r => Assert.True(float.IsFinite(r.Score)));
    }

    [Fact]
    public async Task Training_refuses_a_feature_whose_type_is_not_the_declared_kind()
    {
        var request = snapshots.Request(TrainingAlgorithm.FastTree) with
        {
            Features = [.. snapshots.Features.Select(f => f.Name == "region" ? f with { Kind = ColumnKind.Numeric } : f)],
        };

        var e = await Assert.ThrowsAsync<ModelInputException>(() => ModelTrainer.TrainAsync(snapshots.Session, request, Ct));

        Assert.Contains("'region'", e.Message, StringComparison.Ordinal);
    }

    private async Task<(IReadOnlyList<string> Warnings, List<ScoredRow> Rows)> ScoreAsync(string sql)
    {
        await using var reader = await snapshots.Session.ReadAsync(RenderedSql.Plain(sql), Ct);
        var scoring = new ModelScorer(_model.ModelZip).Score(reader, "customer_id");
        return (scoring.Warnings, scoring.Rows.ToList());
    }
}
