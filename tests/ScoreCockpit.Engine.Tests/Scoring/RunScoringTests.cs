using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scoring;

/// <summary>The active version applied to the demo's churn snapshots: ranks, atomic replacement per date, drift.</summary>
public sealed class RunScoringTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scoring_writes_ranks_and_deciles_and_a_rerun_replaces_that_date_only()
    {
        await using var store = await TestStore.WithDemoAsync(2_000, postgres);
        var score = store.Get<RunScoringHandler>();
        var refused = await Assert.ThrowsAsync<CockpitValidationException>(() => score.HandleAsync(new RunScoring("churn"), Ana, Ct));
        Assert.Contains("no active version", refused.Message, StringComparison.Ordinal);

        await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("churn", new DateOnly(2025, 6, 1)), Ana, Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 1, "first"), Ana, Ct);
        var (january, february) = (new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 28));
        var first = await score.HandleAsync(new RunScoring("churn", january), Ana, Ct);
        var second = await score.HandleAsync(new RunScoring("churn"), Ana, Ct);

        Assert.Equal((ScoringStatus.Succeeded, february), (second.Status, second.ReferenceDate));
        Assert.Null(first.ScorePsi);
        Assert.InRange(second.ScorePsi!.Value, 0, 0.25);
        await using var session = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct);
        Assert.Equal(first.Rows + second.Rows, await session.CountRowsAsync("scores_churn", Ct));
        Assert.Equal(second.Rows, Convert.ToInt64(await session.ScalarAsync(RenderedSql.Plain(
            "SELECT COUNT(DISTINCT customer_id) FROM scores_churn WHERE reference_date = DATE '2026-02-28'"), Ct)));
        // Rank 1 has the highest score, decile 1 is the top tenth, percentile 100 the top customer.
        Assert.Equal(0L, Convert.ToInt64(await session.ScalarAsync(RenderedSql.Plain(
            "SELECT COUNT(*) FROM scores_churn a JOIN scores_churn b ON a.reference_date = b.reference_date " +
            "AND a.score_rank < b.score_rank AND a.score < b.score"), Ct)));
        Assert.Equal(1L, Convert.ToInt64(await session.ScalarAsync(RenderedSql.Plain(
            "SELECT MIN(decile) FROM scores_churn WHERE score_rank = 1"), Ct)));
        Assert.Equal((int)Math.Ceiling(second.Rows / 10.0), Convert.ToInt32(await session.ScalarAsync(RenderedSql.Plain(
            "SELECT COUNT(*) FROM scores_churn WHERE decile = 1 AND reference_date = DATE '2026-02-28'"), Ct)));
        var janRanksBefore = await session.ScalarAsync(RenderedSql.Plain("SELECT SUM(score_rank * score) FROM scores_churn WHERE reference_date = DATE '2026-01-31'"), Ct);

        await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("churn", new DateOnly(2026, 3, 1)), Ana, Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 2, "newer"), Ana, Ct);
        var again = await score.HandleAsync(new RunScoring("churn", february), Ana, Ct);

        Assert.Equal(first.Rows + again.Rows, await session.CountRowsAsync("scores_churn", Ct));
        Assert.Equal(2, Convert.ToInt32(await session.ScalarAsync(RenderedSql.Plain("SELECT MIN(version) FROM scores_churn WHERE reference_date = DATE '2026-02-28'"), Ct)));
        Assert.Equal(janRanksBefore, await session.ScalarAsync(RenderedSql.Plain("SELECT SUM(score_rank * score) FROM scores_churn WHERE reference_date = DATE '2026-01-31'"), Ct));
        Assert.False(await session.TableExistsAsync("scores_churn__staging", Ct));
        Assert.NotEmpty((await store.Get<ListScoringRunsHandler>().HandleAsync("churn", ct: Ct))[0].FeatureDrift);
        await AssertDriftAsReadFromTheTablesAsync(store, session, again);
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => score.HandleAsync(new RunScoring("churn"), Actor.Of("vic@example.com", Roles.Viewer), Ct));
        await PushDown.InWarehouseScoringTests.AutoFollowsWhatItMeasuredFallsBackAndARepeatedKeyWritesNothingAsync(store, first);
    }

    /// <summary>
    /// The run takes the scored side of its drift from the batches it scores and reads the reference on a session of its
    /// own; here both sides are read plainly from the tables (as the model reads them: floats, text, missing as NaN or
    /// empty) and each feature's PSI must be the one stored.
    /// </summary>
    private static async Task AssertDriftAsReadFromTheTablesAsync(TestStore store, WarehouseSession session, ScoringRun run)
    {
        await using var db = await store.OpenAsync();
        var version = db.ModelVersions.Single(v => v.Id == run.VersionId);
        var snapshots = db.Snapshots.Where(s => s.ScoreId == run.ScoreId).ToList();
        var reference = snapshots.Single(s => s.ReferenceDate == VersionJson.Dates(version.TrainingDatesJson)[^1]).TableName;
        var current = snapshots.Single(s => s.ReferenceDate == run.ReferenceDate).TableName;
        var features = VersionJson.Schema(version.InputSchemaJson);
        Assert.True(await session.CountRowsAsync(reference, Ct) <= FeatureDriftMeasure.MaxRows, "every row is sampled here");

        async Task<List<object?>> Column(string table, string column)
        {
            var values = new List<object?>();
            await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT \"{column}\" FROM {table}"), Ct);
            while (await reader.ReadAsync(Ct))
            {
                values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
            }

            return values;
        }

        var stored = System.Text.Json.JsonSerializer.Deserialize<List<FeatureDrift>>(run.FeaturePsiJson!, Engine.Scores.ScoreDefinitionJson.Options)!;
        Assert.Equal(features.Count, stored.Count);
        foreach (var feature in features)
        {
            var (before, now) = (await Column(reference, feature.Name), await Column(current, feature.Name));
            double psi;
            if (feature.Kind == Engine.Scores.ColumnKind.Categorical)
            {
                static List<string> Texts(List<object?> v) => [.. v.Select(x => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture) ?? "")];
                var (expected, actual) = Psi.CategoryShares(Texts(before), Texts(now));
                psi = Psi.Compute(expected, actual);
            }
            else
            {
                static List<double> Numbers(List<object?> v) => [.. v.Select(x => x is null ? double.NaN
                    : x is bool b ? (b ? 1.0 : 0.0) : Convert.ToSingle(x, System.Globalization.CultureInfo.InvariantCulture))];
                var edges = Psi.Edges(Numbers(before));
                psi = Psi.Compute(Psi.Shares(Numbers(before), edges), Psi.Shares(Numbers(now), edges));
            }

            Assert.Equal(Math.Round(psi, 6), stored.Single(d => d.Column == feature.Name).Psi);
        }
    }

    [Fact]
    public void Psi_is_zero_for_the_same_distribution_and_grows_with_the_shift()
    {
        var reference = Enumerable.Range(0, 10_000).Select(i => i / 10_000.0).ToList();
        var edges = Psi.Edges(reference);
        var same = Psi.Compute(Psi.Shares(reference, edges), Psi.Shares(reference, edges));
        var shifted = Psi.Compute(Psi.Shares(reference, edges), Psi.Shares(reference.Select(v => v + 0.1).ToList(), edges));
        var far = Psi.Compute(Psi.Shares(reference, edges), Psi.Shares(reference.Select(v => v + 0.5).ToList(), edges));

        Assert.Equal(0, same, 12);
        Assert.InRange(shifted, 0.05, far);
        Assert.True(far > 1);
        // 10 % of the rows moved from the first to the last bin: (0.2 − 0.1)·ln 2 + (0 − 0.1)·ln(1e-4 / 0.1).
        Assert.Equal((0.1 * Math.Log(2)) + ((0.1 - 1e-4) * Math.Log(0.1 / 1e-4)),
            Psi.Compute([0.1, 0.1, 0.8], [0.2, 0.0, 0.8]), 9);
    }
}
