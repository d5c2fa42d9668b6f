using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Portfolio;
using ScoreCockpit.Engine.Tests.Snapshots;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scores;

/// <summary>Archiving and deleting a score on the real store and the demo DuckDB warehouse.</summary>
public sealed class ScoreLifecycleTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Vic = Actor.Of("vic@example.com", Roles.Viewer);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Delete_removes_model_files_and_snapshot_tables_keeps_evaluations_and_hides_the_score(StoreProvider provider)
    {
        await using var store = await BuildSnapshotTests.ChurnStoreAsync(provider, postgres);
        foreach (var month in ChurnWarehouse.Months)
        {
            await BuildSnapshotTests.BuildAsync(store, "churn", month);
        }

        var churn = await ScoreAsync(store, "churn");
        var v1 = await PortfolioSeed.VersionAsync(store, churn, new DateOnly(2026, 1, 31));
        var v2 = await PortfolioSeed.VersionAsync(store, churn, new DateOnly(2026, 2, 28));
        await PortfolioSeed.ActivateAsync(store, churn, 2, store.Time.GetUtcNow().UtcDateTime);
        await PortfolioSeed.EvaluationAsync(store, v2, new DateOnly(2026, 2, 28), 0.71);
        var artifacts = store.Get<ArtifactStore>();
        Assert.Contains("snap_churn_20260131", await ChurnWarehouse.TablesAsync(store));
        Assert.Contains("churn", (await store.Get<PortfolioQuery>().AllAsync(Ct)).Select(r => r.Name));

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.Get<DeleteScoreHandler>().HandleAsync(new DeleteScore("churn"), Vic, Ct));
        var deletion = await store.Get<DeleteScoreHandler>().HandleAsync(new DeleteScore("churn"), Ana, Ct);

        Assert.Equal(("churn", 2, 3), (deletion.Name, deletion.ArtifactsDeleted, deletion.TablesDropped));
        Assert.Empty(deletion.Failures);
        Assert.False(artifacts.Exists(v1.ArtifactSha256));
        Assert.False(artifacts.Exists(v2.ArtifactSha256));
        Assert.DoesNotContain(await ChurnWarehouse.TablesAsync(store), t => t.StartsWith("snap_churn", StringComparison.Ordinal));
        Assert.Empty(await store.Get<ListScoresHandler>().HandleAsync(Ct));
        Assert.Empty(await store.Get<PortfolioQuery>().AllAsync(Ct));
        var missing = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<GetScoreHandler>().HandleAsync("churn", Ct));
        Assert.Equal("There is no score named 'churn'.", missing.Message);
        await using var db = await store.OpenAsync();
        Assert.Equal(1, await db.Evaluations.CountAsync(e => e.ScoreId == churn.Id, Ct));
        Assert.Equal(2, await db.ModelVersions.CountAsync(v => v.ScoreId == churn.Id && v.PurgedAt != null, Ct));
        Assert.Equal(0, await db.Snapshots.CountAsync(s => s.ScoreId == churn.Id, Ct));
        var kept = await db.Scores.IgnoreQueryFilters().SingleAsync(s => s.Id == churn.Id, Ct);
        Assert.Equal($"churn~deleted-{churn.Id}", kept.Name);
        Assert.NotNull(kept.DeletedAt);
        var audited = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ScoreDeleted, Ct);
        Assert.Equal(("ana@example.com", "churn"), (audited.Actor, audited.Subject));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_new_score_can_take_the_name_of_a_deleted_one(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var first = await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn", "first")), Ana, Ct);
        await store.Get<DeleteScoreHandler>().HandleAsync(new DeleteScore("churn"), Ana, Ct);

        var second = await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn", "second")), Ana, Ct);

        Assert.NotEqual(first.Id, second.Id);
        var listed = Assert.Single(await store.Get<ListScoresHandler>().HandleAsync(Ct));
        Assert.Equal(("churn", "second"), (listed.Name, listed.Description));
        Assert.Equal(second.Id, (await store.Get<GetScoreHandler>().HandleAsync("churn", Ct)).Id);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_score_a_scenario_uses_is_not_deleted_and_nothing_changes(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Ana, Ct);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("renewal")), Ana, Ct);
        var churn = await ScoreAsync(store, "churn");
        var version = await PortfolioSeed.VersionAsync(store, churn, new DateOnly(2026, 1, 31));
        // A global scenario whose step names the score: the scenario does not belong to it, it still uses it.
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario(
            "monthly-scoring", null, """{ "steps": [ { "type": "score", "name": "score churn", "score": "churn" } ] }"""), Ana, Ct);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario(
            "renewal-monthly", "renewal", """{ "steps": [ { "type": "score", "name": "s" } ] }"""), Ana, Ct);

        var refused = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<DeleteScoreHandler>().HandleAsync(new DeleteScore("churn"), Ana, Ct));
        var owned = await Assert.ThrowsAsync<CockpitValidationException>(
            () => store.Get<DeleteScoreHandler>().HandleAsync(new DeleteScore("renewal"), Ana, Ct));

        Assert.Equal("The score 'churn' is used by the scenario 'monthly-scoring'. " +
            "Delete those scenarios or point their steps at another score first; nothing was deleted.", refused.Message);
        Assert.Contains("'renewal-monthly'", owned.Message, StringComparison.Ordinal);
        Assert.Equal(["churn", "renewal"], (await store.Get<ListScoresHandler>().HandleAsync(Ct)).Select(s => s.Name));
        Assert.True(store.Get<ArtifactStore>().Exists(version.ArtifactSha256));
        await using var db = await store.OpenAsync();
        Assert.Null((await db.ModelVersions.SingleAsync(Ct)).PurgedAt);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ScoreDeleted, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_archived_score_leaves_the_portfolio_but_is_still_found_by_name(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Ana, Ct);
        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("renewal")), Ana, Ct);
        var archive = store.Get<ArchiveScoreHandler>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => archive.HandleAsync(new ArchiveScore("churn"), Vic, Ct));
        await archive.HandleAsync(new ArchiveScore("churn"), Ana, Ct);

        Assert.Equal(["renewal"], (await store.Get<PortfolioQuery>().AllAsync(Ct)).Select(r => r.Name));
        Assert.NotNull((await store.Get<GetScoreHandler>().HandleAsync("churn", Ct)).ArchivedAt);
        var listed = await store.Get<ListScoresHandler>().HandleAsync(Ct);
        Assert.Equal([("churn", true), ("renewal", false)], listed.Select(s => (s.Name, s.Archived)));

        await archive.HandleAsync(new ArchiveScore("churn", Archived: false), Ana, Ct);

        Assert.Equal(["churn", "renewal"], (await store.Get<PortfolioQuery>().AllAsync(Ct)).Select(r => r.Name));
        await using var db = await store.OpenAsync();
        Assert.Equal([AuditActions.ScoreArchived, AuditActions.ScoreUnarchived],
            await db.AuditEntries.Where(e => e.Subject == "churn" && e.Action.StartsWith("score-") && e.Action != AuditActions.ScoreCreated)
                .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task What_cannot_be_removed_is_reported_and_audited_while_the_score_is_still_deleted()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var churn = await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample("churn")), Ana, Ct);
        // A view where the snapshot table should be: DROP TABLE refuses it, as a warehouse may refuse any drop.
        await ChurnWarehouse.ExecuteAsync(store, "CREATE VIEW snap_churn_20260131 AS SELECT 1 AS customer_id");
        await using (var db = await store.OpenAsync())
        {
            db.Snapshots.Add(new ScoreCockpit.Engine.Snapshots.Snapshot
            {
                ScoreId = churn.Id,
                ReferenceDate = new DateOnly(2026, 1, 31),
                TableName = "snap_churn_20260131",
                BuiltBy = "ana@example.com",
            });
            await db.SaveChangesAsync(Ct);
        }

        var deletion = await store.Get<DeleteScoreHandler>().HandleAsync(new DeleteScore("churn"), Ana, Ct);

        var failure = Assert.Single(deletion.Failures);
        Assert.StartsWith("snapshot table snap_churn_20260131: ", failure, StringComparison.Ordinal);
        Assert.Equal(0, deletion.TablesDropped);
        Assert.Empty(await store.Get<ListScoresHandler>().HandleAsync(Ct));
        await using var after = await store.OpenAsync();
        var audited = await after.AuditEntries.Where(e => e.Action == AuditActions.ScoreDeleted).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal(2, audited.Count);
        Assert.StartsWith("not removed: snapshot table snap_churn_20260131", audited[1].Details, StringComparison.Ordinal);
    }

    private static async Task<Score> ScoreAsync(TestStore store, string name)
    {
        await using var db = await store.OpenAsync();
        return await db.Scores.AsNoTracking().SingleAsync(s => s.Name == name, Ct);
    }
}
