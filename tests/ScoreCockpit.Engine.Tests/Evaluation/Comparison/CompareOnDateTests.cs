using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Evaluation.Comparison;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.EvaluationStore;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation.Comparison;

/// <summary>The demo churn score's three versions compared on one labelled date, against the stored evaluations.</summary>
public sealed class CompareOnDateTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Comparison_matches_the_stored_evaluations_and_DeLong_on_the_same_scores()
    {
        await using var store = await EvaluateAllVersionsTests.ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        var versions = await EvaluateAllVersionsTests.ChurnVersionsAsync(store);
        var summary = await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 1, "first in production"), Ana, Ct);
        var date = summary.Dates[^1];
        var handler = store.Get<CompareOnDateHandler>();

        // Only v2 and v3 asked for: the active v1 comes along, as every difference is measured against it.
        var comparison = await handler.CompareAsync("churn", date, [3, 2], Ct);

        Assert.Equal(date, comparison.Date);
        Assert.Equal([1, 2, 3], comparison.Versions.Select(v => v.Number));
        Assert.Equal(1, comparison.ActiveVersion?.Number);
        Assert.Null(comparison.ActiveVersion!.VersusActive);
        var stored = await store.Get<PerformanceQueries>().OnDateAsync("churn", date, Ct);
        foreach (var version in comparison.Versions)
        {
            var evaluation = stored.Single(e => e.Version == version.Number);
            Assert.Equal(evaluation.Evaluation.Auc!.Value, version.Auc!.Value, 1e-12);
            Assert.Equal(evaluation.Evaluation.InSample, version.InSample);
            Assert.Equal(evaluation.Evaluation.Rows, comparison.Rows);
            Assert.Equal(evaluation.Evaluation.BaseRate!.Value, comparison.BaseRate, 1e-12);
            Assert.Equal(evaluation.Cutoffs.Select(c => c.Percent), version.Cutoffs.Select(c => c.Percent));
            Assert.All(evaluation.Cutoffs.Zip(version.Cutoffs), p => Assert.Equal(p.First.Lift!.Value, p.Second.Lift!.Value, 1e-12));

            Assert.Equal(new CurvePoint(0, 0), version.Gains[0]);
            Assert.Equal(101, version.Gains.Count);
            Assert.Equal(1, version.Gains[^1].Value, 1e-12);
            Assert.Equal(1, version.Lift[^1].Value, 1e-12);
            Assert.Equal(evaluation.Cutoffs.Single(c => c.Percent == 10).Lift!.Value, version.Lift.Single(p => p.Share == 0.10).Value, 1e-12);
        }

        // The same rows scored outside the handler give the same DeLong difference.
        var scores = await ScoresAsync(store, date, versions);
        var labels = await LabelsAsync(store, date);
        foreach (var challenger in comparison.Versions.Where(v => !v.Active))
        {
            var expected = DeLong.Difference(scores[challenger.Number], scores[1], labels)!;
            var actual = challenger.VersusActive!;
            Assert.Equal(expected.Difference, actual.Difference, 1e-12);
            Assert.Equal(expected.Lower, actual.Lower, 1e-12);
            Assert.Equal(expected.Upper, actual.Upper, 1e-12);
            Assert.Equal(challenger.Auc!.Value - comparison.ActiveVersion.Auc!.Value, actual.Difference, 1e-12);
        }
    }

    [Fact]
    public async Task Results_are_reused_until_the_active_version_changes()
    {
        await using var store = await EvaluateAllVersionsTests.ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        var date = new DateOnly(2025, 12, 31);
        var activate = store.Get<ActivateVersionHandler>();
        var handler = store.Get<CompareOnDateHandler>();

        var none = await handler.CompareAsync("churn", date, [2, 3], Ct);
        Assert.All(none.Versions, v => Assert.Null(v.VersusActive));
        Assert.Same(none, await handler.CompareAsync("churn", date, [3, 2], Ct));

        await activate.HandleAsync(new ActivateVersion("churn", 3, "newest"), Ana, Ct);
        var after = await handler.CompareAsync("churn", date, [2, 3], Ct);
        Assert.NotSame(none, after);
        Assert.Equal(3, after.ActiveVersion?.Number);
        Assert.NotNull(after.Versions.Single(v => v.Number == 2).VersusActive);
    }

    [Fact]
    public async Task Unknown_versions_and_unlabelled_dates_are_refused_with_what_to_do()
    {
        await using var store = await EvaluateAllVersionsTests.ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        var handler = store.Get<CompareOnDateHandler>();

        var unknown = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.CompareAsync("churn", new DateOnly(2025, 12, 31), [2, 99], Ct));
        Assert.Contains("no version 99", unknown.Message, StringComparison.Ordinal);
        var unlabelled = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.CompareAsync("churn", new DateOnly(2026, 1, 31), [2], Ct));
        Assert.Contains("known only from 2026-03-31", unlabelled.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.CompareAsync("churn", new DateOnly(2020, 1, 31), [2], Ct));
        Assert.Contains("no snapshot for 2020-01-31", missing.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<CockpitValidationException>(() => handler.CompareAsync("churn", new DateOnly(2025, 12, 31), [], Ct));
        Assert.Contains("at least one version", empty.Message, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<int, double[]>> ScoresAsync(TestStore store, DateOnly date, IReadOnlyList<ModelVersion> versions)
    {
        var snapshot = await LoadAsync(store, date);
        var result = new Dictionary<int, double[]>();
        foreach (var version in versions)
        {
            result[version.Number] = EvaluationUnit.Score(await store.Get<ScoringPlans>().GetAsync(version, "churn", Ct), snapshot).Scores;
        }

        return result;
    }

    private static async Task<bool[]> LabelsAsync(TestStore store, DateOnly date) => (await LoadAsync(store, date)).Labels;

    private static async Task<LabelledSnapshot> LoadAsync(TestStore store, DateOnly date)
    {
        var definition = await store.Get<GetScoreHandler>().HandleAsync("churn", Ct);
        var snapshots = await store.Get<ListSnapshotsHandler>().HandleAsync("churn", Ct);
        await using var session = await store.Get<WarehouseConnections>().OpenAsync(definition.Definition.Connection, Ct);
        var table = snapshots.Single(s => s.ReferenceDate == date).TableName;
        return await LabelledSnapshot.LoadAsync(session, date, table, definition.Definition.TargetColumn, definition.Definition.KeyColumn,
            (await session.TableColumnsAsync(table, Ct)).ToDictionary(c => c.Name, c => ColumnUse.Number | ColumnUse.Text), Ct);
    }
}
