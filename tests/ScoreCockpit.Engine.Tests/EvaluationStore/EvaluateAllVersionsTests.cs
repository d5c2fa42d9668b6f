using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.EvaluationStore;

/// <summary>Every version on every labelled date of the demo's churn score, across its schema changes.</summary>
public sealed class EvaluateAllVersionsTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The store's clock starts on 2026-03-14: the demo ends on 2026-02-28, month 18 is 2025-02-28, month 24 2025-08-31.
    private static readonly DateOnly[] AsOf = [new(2025, 1, 1), new(2025, 8, 31), new(2026, 3, 1)];

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Every_version_gets_one_evaluation_per_labelled_date_and_a_second_run_computes_nothing(StoreProvider provider)
    {
        await using var store = await ChurnWithVersionsAsync(provider, postgres);
        var versions = await ChurnVersionsAsync(store);
        var evaluate = store.Get<EvaluateAllVersionsHandler>();

        var first = await evaluate.HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        var labelled = LabelCalendar.Labelled(DemoOptions.ForToday(store.Get<ScoreCockpit.Engine.Settings.CockpitClock>()).ReferenceDates(), 2, new DateOnly(2026, 3, 14));
        Assert.Equal(labelled, first.Dates);
        Assert.Equal(labelled.Count * versions.Count, first.Computed);
        Assert.Equal(0, first.Failed);

        await using var db = await store.OpenAsync();
        var stored = await db.Evaluations.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(first.Computed, stored.Count);
        foreach (var version in versions)
        {
            var training = JsonSerializer.Deserialize<List<DateOnly>>(version.TrainingDatesJson)!;
            var mine = stored.Where(e => e.VersionId == version.Id).ToList();
            Assert.Equal(labelled, mine.Select(e => e.EvaluationDate).Order());
            Assert.All(mine, e => Assert.Equal(training.Contains(e.EvaluationDate), e.InSample));
            Assert.All(mine, e => Assert.InRange(e.Auc!.Value, e.AucLower!.Value, e.AucUpper!.Value));
            Assert.All(mine, e => Assert.Equal(10, MetricKeys.Deciles(e).Count));
        }

        // v1 learnt sms_count, gone from month 24: scored as missing there, with a warning, never a failure.
        var v1AfterSms = stored.Where(e => e.VersionId == versions[0].Id && e.EvaluationDate >= new DateOnly(2025, 8, 31)).ToList();
        Assert.NotEmpty(v1AfterSms);
        Assert.All(v1AfterSms, e => Assert.Contains("sms_count", e.WarningsJson, StringComparison.Ordinal));
        // v3 learnt fiber_eligible (from month 18): older snapshots lack it; newer ones hold all it reads.
        Assert.All(stored.Where(e => e.VersionId == versions[2].Id && e.EvaluationDate < new DateOnly(2025, 2, 28)),
            e => Assert.Contains("fiber_eligible", e.WarningsJson, StringComparison.Ordinal));
        Assert.All(stored.Where(e => e.VersionId == versions[2].Id && e.EvaluationDate >= new DateOnly(2025, 2, 28)),
            e => Assert.Equal("[]", e.WarningsJson));

        var second = await evaluate.HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        Assert.Equal(0, second.Computed);
        Assert.Equal(first.Computed, second.AlreadyDone);
    }

    [Fact]
    public async Task A_recompute_of_one_date_replaces_that_date_only_and_purged_versions_keep_their_history()
    {
        await using var store = await ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        var versions = await ChurnVersionsAsync(store);
        var evaluate = store.Get<EvaluateAllVersionsHandler>();
        await evaluate.HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        var before = await EvaluationsAsync(store);
        var date = new DateOnly(2025, 6, 30);

        store.Time.Advance(TimeSpan.FromHours(1));
        var again = await evaluate.HandleAsync(new EvaluateAllVersions("churn", date, Recompute: true), Ana, ct: Ct);
        var after = await EvaluationsAsync(store);

        Assert.Equal(versions.Count, again.Computed);
        Assert.Equal(before.Count, after.Count);
        Assert.All(after.Where(e => e.EvaluationDate != date), e => Assert.Contains(before, b => b.Id == e.Id && b.ComputedAt == e.ComputedAt));
        Assert.All(after.Where(e => e.EvaluationDate == date), e => Assert.DoesNotContain(before, b => b.Id == e.Id));
        Assert.Equal(before.Where(e => e.EvaluationDate == date).Select(e => e.Auc).Order(), after.Where(e => e.EvaluationDate == date).Select(e => e.Auc).Order());

        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 3, "newest"), Ana, Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 2, "rollback"), Ana, Ct);
        var plan = await store.Get<PurgeVersionsHandler>().HandleAsync(new PurgeVersions("churn", new DateOnly(2025, 1, 1), DryRun: false), Ana, Ct);
        Assert.Equal([1], plan.Purged);
        var recompute = await evaluate.HandleAsync(new EvaluateAllVersions("churn", Recompute: true), Ana, ct: Ct);
        Assert.Equal(1, recompute.PurgedVersions);
        Assert.Equal(before.Count(e => e.VersionId == versions[0].Id), (await EvaluationsAsync(store)).Count(e => e.VersionId == versions[0].Id));
    }

    [Fact]
    public async Task A_changed_type_fails_that_evaluation_only_and_a_one_class_date_is_stored_with_null_metrics()
    {
        await using var store = await ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        var versions = await ChurnVersionsAsync(store);
        var (changed, oneClass) = (new DateOnly(2025, 10, 31), new DateOnly(2025, 11, 30));
        await using (var session = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct))
        {
            var feature = JsonSerializer.Deserialize<List<string>>(versions[2].FeaturesJson)!.First(f => f.Contains("month", StringComparison.Ordinal));
            await session.ExecuteAsync($"ALTER TABLE snap_churn_20251031 ALTER {feature} TYPE VARCHAR", Ct);
            await session.ExecuteAsync("UPDATE snap_churn_20251130 SET churned = 0", Ct);
        }

        var summary = await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);

        var stored = await EvaluationsAsync(store);
        Assert.Equal(versions.Count, summary.Failed);
        Assert.All(stored.Where(e => e.EvaluationDate == changed), e => Assert.Contains("type changed", e.Failure, StringComparison.Ordinal));
        Assert.All(stored.Where(e => e.EvaluationDate != changed), e => Assert.Null(e.Failure));
        var flat = stored.Where(e => e.EvaluationDate == oneClass).ToList();
        Assert.Equal(versions.Count, flat.Count);
        Assert.All(flat, e =>
        {
            Assert.Null(e.Auc);
            Assert.Null(e.Gini);
            Assert.Equal(0, e.Positives);
            Assert.NotNull(e.UndefinedReason);
        });
    }

    [Fact]
    public async Task Unlabelled_or_missing_dates_are_refused_with_the_reason_and_viewers_cannot_evaluate()
    {
        await using var store = await ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        var evaluate = store.Get<EvaluateAllVersionsHandler>();

        var unlabelled = await Assert.ThrowsAsync<CockpitValidationException>(
            () => evaluate.HandleAsync(new EvaluateAllVersions("churn", new DateOnly(2026, 1, 31)), Ana, ct: Ct));
        Assert.Contains("known only from 2026-03-31", unlabelled.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<CockpitValidationException>(
            () => evaluate.HandleAsync(new EvaluateAllVersions("churn", new DateOnly(2020, 1, 31)), Ana, ct: Ct));
        Assert.Contains("no snapshot for 2020-01-31", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => evaluate.HandleAsync(new EvaluateAllVersions("churn"), Actor.Of("vic@example.com", Roles.Viewer), ct: Ct));
        Assert.Empty(await EvaluationsAsync(store));
    }

    /// <summary>
    /// A store with the demo (2,000 customers) and churn trained as of each <see cref="AsOf"/> date
    /// (<see cref="TestStore.PreparedAsync"/>).
    /// </summary>
    internal static Task<TestStore> ChurnWithVersionsAsync(StoreProvider provider, PostgresClusterFixture postgres) =>
        TestStore.PreparedAsync(provider, "churn, 3 versions", TrainChurnAsync, postgres);

    /// <summary>Churn's versions, oldest first.</summary>
    internal static async Task<IReadOnlyList<ModelVersion>> ChurnVersionsAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        var churn = await db.Scores.AsNoTracking().SingleAsync(s => s.Name == "churn", Ct);
        return await db.ModelVersions.AsNoTracking().Where(v => v.ScoreId == churn.Id).OrderBy(v => v.Number).ToListAsync(Ct);
    }

    private static async Task TrainChurnAsync(TestStore store)
    {
        await store.Get<DemoInstaller>().InstallAsync(2_000, ct: Ct);
        foreach (var date in AsOf)
        {
            await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("churn", date), Ana, Ct);
        }
    }

    private static async Task<List<VersionEvaluation>> EvaluationsAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        return await db.Evaluations.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct);
    }
}
