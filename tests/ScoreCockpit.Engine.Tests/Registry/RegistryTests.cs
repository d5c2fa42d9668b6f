using System.Text;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

/// <summary>Versions, activation with its history, and purges, on the real store.</summary>
public sealed class RegistryTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Vic = Actor.Of("vic@example.com", Roles.Viewer);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Versions_are_numbered_per_score_and_artifacts_stored_once_by_content(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var scoreId = await NewScoreAsync(store, "churn");

        var v1 = await RegisterAsync(store, scoreId, new DateOnly(2025, 1, 31), "model-a");
        var v2 = await RegisterAsync(store, scoreId, new DateOnly(2025, 2, 28), "model-a");
        var v3 = await RegisterAsync(store, scoreId, new DateOnly(2025, 3, 31), "model-b");

        Assert.Equal([1, 2, 3], new[] { v1.Number, v2.Number, v3.Number });
        Assert.Equal(v1.ArtifactSha256, v2.ArtifactSha256);
        Assert.NotEqual(v1.ArtifactSha256, v3.ArtifactSha256);
        var artifacts = store.Get<ArtifactStore>();
        Assert.Equal(2, Directory.GetFiles(artifacts.Root, "*.zip", SearchOption.AllDirectories).Length);
        Assert.Equal("model-b", Encoding.UTF8.GetString(await artifacts.GetAsync(v3.ArtifactSha256, Ct)));
        await using var db = await store.OpenAsync();
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.VersionTrained, Ct));
        Assert.Empty(await db.Activations.ToListAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Activation_history_answers_which_version_was_active_on_a_past_date(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var scoreId = await NewScoreAsync(store, "churn");
        await RegisterAsync(store, scoreId, new DateOnly(2025, 1, 31), "a");
        await RegisterAsync(store, scoreId, new DateOnly(2025, 2, 28), "b");
        var activate = store.Get<ActivateVersionHandler>();
        var active = store.Get<ActiveVersions>();
        var beforeAny = store.Time.GetUtcNow().UtcDateTime;

        store.Time.Advance(TimeSpan.FromDays(1));
        await activate.HandleAsync(new ActivateVersion("churn", 1, "first production model"), Ana, Ct);
        var whileOne = store.Time.GetUtcNow().UtcDateTime.AddHours(1);
        store.Time.Advance(TimeSpan.FromDays(30));
        await activate.HandleAsync(new ActivateVersion("churn", 2, "better lift at 10 %"), Ana, Ct);
        store.Time.Advance(TimeSpan.FromDays(10));
        await activate.HandleAsync(new ActivateVersion("churn", 1, "rollback: v2 misbehaves on the new extract"), Ana, Ct);

        Assert.Null(await active.OnAsync("churn", beforeAny, Ct));
        Assert.Equal(1, await active.OnAsync("churn", whileOne, Ct));
        Assert.Equal(2, await active.OnAsync("churn", beforeAny.AddDays(35), Ct));
        Assert.Equal(1, await active.OnAsync("churn", store.Time.GetUtcNow().UtcDateTime, Ct));
        var history = await active.HistoryAsync("churn", Ct);
        Assert.Equal([1, 2, 1], history.Select(h => h.VersionNumber));
        Assert.Equal("rollback: v2 misbehaves on the new extract", history[0].Comment);
        await using var db = await store.OpenAsync();
        var audited = await db.AuditEntries.Where(e => e.Action == AuditActions.VersionActivated).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal(3, audited.Count);
        Assert.StartsWith("v1 (was v2)", audited[2].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activation_needs_an_analyst_a_comment_and_a_live_version()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var scoreId = await NewScoreAsync(store, "churn");
        await RegisterAsync(store, scoreId, new DateOnly(2025, 1, 31), "a");
        var activate = store.Get<ActivateVersionHandler>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => activate.HandleAsync(new ActivateVersion("churn", 1, "because"), Vic, Ct));
        var noComment = await Assert.ThrowsAsync<CockpitValidationException>(() => activate.HandleAsync(new ActivateVersion("churn", 1, "  "), Ana, Ct));
        Assert.Contains("comment is required", noComment.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<CockpitValidationException>(() => activate.HandleAsync(new ActivateVersion("churn", 7, "because"), Ana, Ct));
        Assert.Equal("churn has no version 7.", unknown.Message);

        await activate.HandleAsync(new ActivateVersion("churn", 1, "because"), Ana, Ct);
        var again = await Assert.ThrowsAsync<CockpitValidationException>(() => activate.HandleAsync(new ActivateVersion("churn", 1, "because"), Ana, Ct));
        Assert.Contains("already the active version", again.Message, StringComparison.Ordinal);
        await using var db = await store.OpenAsync();
        Assert.Equal(1, await db.Activations.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Purge_keeps_the_active_and_previous_versions_and_all_metadata(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var scoreId = await NewScoreAsync(store, "churn");
        for (var month = 1; month <= 5; month++)
        {
            await RegisterAsync(store, scoreId, new DateOnly(2025, month, 28), $"model-{month}");
        }

        var activate = store.Get<ActivateVersionHandler>();
        await activate.HandleAsync(new ActivateVersion("churn", 2, "first"), Ana, Ct);
        store.Time.Advance(TimeSpan.FromDays(1));
        await activate.HandleAsync(new ActivateVersion("churn", 3, "second"), Ana, Ct);
        var purge = store.Get<PurgeVersionsHandler>();

        var dryRun = await purge.HandleAsync(new PurgeVersions("churn", new DateOnly(2025, 4, 30)), Ana, Ct);

        Assert.Equal([1, 4], dryRun.Purged);
        Assert.Equal([(2, "previously active: kept for rollback"), (3, "active")], dryRun.Kept);
        var artifacts = store.Get<ArtifactStore>();
        await using (var db = await store.OpenAsync())
        {
            Assert.Equal(0, await db.ModelVersions.CountAsync(v => v.PurgedAt != null, Ct));
        }

        await Assert.ThrowsAsync<AccessDeniedException>(() => purge.HandleAsync(new PurgeVersions("churn", new DateOnly(2025, 4, 30), DryRun: false), Vic, Ct));
        var done = await purge.HandleAsync(new PurgeVersions("churn", new DateOnly(2025, 4, 30), DryRun: false), Ana, Ct);

        Assert.Equal([1, 4], done.Purged);
        await using var after = await store.OpenAsync();
        var versions = await after.ModelVersions.OrderBy(v => v.Number).ToListAsync(Ct);
        Assert.Equal(5, versions.Count);
        Assert.Equal([true, false, false, true, false], versions.Select(v => v.PurgedAt is not null));
        Assert.Equal([false, true, true, false, true], versions.Select(v => artifacts.Exists(v.ArtifactSha256)));
        var purged = await Assert.ThrowsAsync<CockpitValidationException>(
            () => activate.HandleAsync(new ActivateVersion("churn", 1, "rollback"), Ana, Ct));
        Assert.Contains("was purged", purged.Message, StringComparison.Ordinal);
    }

    private static async Task<int> NewScoreAsync(TestStore store, string name) =>
        (await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample(name)), Ana, Ct)).Id;

    private static Task<ModelVersion> RegisterAsync(TestStore store, int scoreId, DateOnly asOf, string artifact) =>
        store.Get<RegisterVersionHandler>().HandleAsync(
            new ModelVersion { ScoreId = scoreId, AsOfDate = asOf, Algorithm = "FastTree", ArtifactSha256 = "", TrainedBy = "" },
            Encoding.UTF8.GetBytes(artifact), "system", Ct);
}
