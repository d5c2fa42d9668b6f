using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.ScoreDefinitions;

/// <summary>Settings that name columns or thresholds are checked against what the score has, when it is saved.</summary>
public sealed class KindOverrideValidationTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Score> WithSnapshotAsync(TestStore store)
    {
        var score = await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Ana, Ct);
        await using var db = await store.OpenAsync();
        db.Snapshots.Add(new Snapshot
        {
            ScoreId = score.Id,
            ReferenceDate = new DateOnly(2025, 1, 31),
            TableName = "snap_churn_20250131",
            Rows = 500,
            Positives = 40,
            BuiltBy = "ana@example.com",
            Columns = [new ColumnProfile("customer_id", "BIGINT", ColumnKind.Identifier, 0, 500, 1, 500, 250), new ColumnProfile("calls", "INTEGER", ColumnKind.Numeric, 0, 8, 0, 7, 1.2)],
        });
        await db.SaveChangesAsync(Ct);
        return score;
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_kind_set_on_a_column_no_snapshot_has_is_refused_by_name_and_nothing_changes(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await WithSnapshotAsync(store);
        var before = await store.Get<GetScoreHandler>().ExportAsync("churn", Ct);
        var definition = TestDefinitions.Sample("churn") with
        {
            ColumnKinds = new Dictionary<string, ColumnKind> { ["calls"] = ColumnKind.Categorical, ["cals"] = ColumnKind.Numeric },
        };

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<UpdateScoreHandler>().HandleAsync(new UpdateScore("churn", definition), Ana, Ct));

        Assert.Contains("columnKinds names 'cals', which no snapshot of 'churn' has", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'calls'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await store.Get<GetScoreHandler>().ExportAsync("churn", Ct));

        // The same kind on a column the snapshots have is taken.
        var taken = await store.Get<UpdateScoreHandler>().HandleAsync(
            new UpdateScore("churn", TestDefinitions.Sample("churn") with { ColumnKinds = new Dictionary<string, ColumnKind> { ["calls"] = ColumnKind.Categorical } }), Ana, Ct);
        Assert.Equal(ColumnKind.Categorical, taken.KindOf("calls"));
    }

    [Fact]
    public async Task A_negative_minimum_is_refused_with_the_field_named()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await WithSnapshotAsync(store);
        var definition = TestDefinitions.Sample("churn") with { ThinDates = new ThinDateRule { MinimumRows = -1 } };

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<UpdateScoreHandler>().HandleAsync(new UpdateScore("churn", definition), Ana, Ct));

        Assert.StartsWith("thinDates.minimumRows must be 0 or more, not -1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Changing_the_minimums_reflags_the_stored_evaluations_without_touching_their_figures(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var score = await WithSnapshotAsync(store);
        var version = await Portfolio.PortfolioSeed.VersionAsync(store, score, new DateOnly(2025, 6, 1));
        await Portfolio.PortfolioSeed.EvaluationAsync(store, version, new DateOnly(2025, 3, 31), 0.7);
        await using (var db = await store.OpenAsync())
        {
            Assert.False((await db.Evaluations.SingleAsync(Ct)).Thin);
        }

        // The seeded evaluation has 1,000 rows and 100 positives: a minimum of 150 positives makes it thin, and back.
        foreach (var (positives, thin) in new[] { (150, true), (100, false) })
        {
            await store.Get<UpdateScoreHandler>().HandleAsync(
                new UpdateScore("churn", TestDefinitions.Sample("churn") with { ThinDates = new ThinDateRule { MinimumPositives = positives } }), Ana, Ct);
            await using var db = await store.OpenAsync();
            var stored = await db.Evaluations.SingleAsync(Ct);
            Assert.Equal((thin, 0.7, EvaluationKind.Forward), (stored.Thin, stored.Auc!.Value, stored.Kind));
        }
    }
}
