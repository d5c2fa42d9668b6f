using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.EvaluationStore;

/// <summary>The performance store read back: a metric per version over time, one date across versions, the active line.</summary>
public sealed class PerformanceQueriesTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Series_follow_the_stored_evaluations_and_the_active_line_follows_the_activation_history()
    {
        await using var store = await EvaluateAllVersionsTests.ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        var versions = await EvaluateAllVersionsTests.ChurnVersionsAsync(store);
        var summary = await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        var activate = store.Get<ActivateVersionHandler>();
        // v1 from mid-2025, v3 from 2025-12-15: the dates before the first activation have no active point.
        await activate.HandleAsync(new ActivateVersion("churn", 1, "first", new DateTime(2025, 6, 2, 9, 0, 0, DateTimeKind.Utc)), Ana, Ct);
        await activate.HandleAsync(new ActivateVersion("churn", 3, "newer", new DateTime(2025, 12, 15, 9, 0, 0, DateTimeKind.Utc)), Ana, Ct);
        var queries = store.Get<PerformanceQueries>();

        var auc = await queries.OverTimeAsync("churn", "auc", Ct);
        var lift10 = await queries.OverTimeAsync("churn", "lift_10", Ct);
        var latest = await queries.OnDateAsync("churn", ct: Ct);
        var active = await queries.ActiveOverTimeAsync("churn", "auc", Ct);

        Assert.Equal([1, 2, 3], auc.Select(s => s.Version));
        Assert.All(auc, s => Assert.Equal(summary.Dates, s.Points.Select(p => p.Date)));
        Assert.All(auc.SelectMany(s => s.Points), p => Assert.InRange(p.Value!.Value, 0.5, 1));
        Assert.All(lift10.SelectMany(s => s.Points), p => Assert.True(p.Value > 1));
        Assert.Equal(3, latest.Count);
        Assert.All(latest, v => Assert.Equal(summary.Dates[^1], v.Evaluation.EvaluationDate));
        Assert.All(latest, v => Assert.Equal(10, v.Deciles.Count));

        Assert.Equal(summary.Dates.Where(d => d >= new DateOnly(2025, 6, 2)), active.Select(p => p.Date));
        Assert.All(active, p => Assert.Equal(p.Date < new DateOnly(2025, 12, 15) ? 1 : 3, p.Version));
        foreach (var point in active)
        {
            var series = auc.Single(s => s.Version == point.Version).Points.Single(p => p.Date == point.Date);
            Assert.Equal(series.Value, point.Value);
            Assert.Equal(series.InSample, point.InSample);
        }

        var unknown = await Assert.ThrowsAsync<CockpitValidationException>(() => queries.OverTimeAsync("churn", "accuracy", Ct));
        Assert.Contains("lift_10", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(versions.Count, auc.Count);
    }

    [Fact]
    public async Task A_change_made_behind_the_readers_back_is_seen_at_the_next_read()
    {
        await using var store = await EvaluateAllVersionsTests.ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        var queries = store.Get<PerformanceQueries>();
        var before = (await queries.OverTimeAsync("churn", "auc", Ct)).SelectMany(s => s.Points).ToList();
        var contexts = store.Get<IDbContextFactory<CockpitDbContext>>();

        // As another process would write: a date re-marked thin in place, then one evaluation removed.
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            var target = await db.Evaluations.Where(e => !e.Thin).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(Ct);
            await db.Evaluations.Where(e => e.Id == target).ExecuteUpdateAsync(s => s.SetProperty(e => e.Thin, true), Ct);
        }

        var remarked = (await queries.OverTimeAsync("churn", "auc", Ct)).SelectMany(s => s.Points).ToList();
        Assert.Equal(before.Count(p => p.Thin) + 1, remarked.Count(p => p.Thin));

        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            var last = await db.Evaluations.OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync(Ct);
            await db.Evaluations.Where(e => e.Id == last).ExecuteDeleteAsync(Ct);
        }

        var removed = await queries.AllAsync("churn", ct: Ct);
        Assert.Equal(before.Count - 1, removed.Count);
    }
}
