using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.EvaluationStore;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Portfolio;

/// <summary>The portfolio of the demo, with churn's versions really trained and evaluated.</summary>
public sealed class PortfolioDemoTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_churn_row_shows_the_stored_out_of_time_evaluation_of_its_active_version()
    {
        await using var store = await EvaluateAllVersionsTests.ChurnWithVersionsAsync(StoreProvider.Sqlite, postgres);
        var versions = await EvaluateAllVersionsTests.ChurnVersionsAsync(store);
        await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("churn"), Ana, ct: Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(
            new ActivateVersion("churn", 2, "better on recent months", new DateTime(2025, 9, 5, 9, 0, 0, DateTimeKind.Utc)), Ana, Ct);

        var page = await store.Get<PortfolioQuery>().GetAsync(new PortfolioRequest("churn", null), Ct);

        var churn = Assert.Single(page.Rows);
        Assert.Equal(2, churn.ActiveVersion);
        await using var db = await store.OpenAsync();
        var outOfTime = await db.Evaluations.AsNoTracking()
            .Where(e => e.VersionId == versions[1].Id && e.Kind == EvaluationKind.Forward && !e.Thin && e.Failure == null).ToListAsync(Ct);
        var ordered = outOfTime.OrderBy(e => e.EvaluationDate).ToList();
        Assert.Equal(ordered[^1].EvaluationDate, churn.AucDate);
        Assert.Equal(ordered[^1].Auc, churn.Auc);
        Assert.Equal(ordered[^1].Auc - ordered[^2].Auc, churn.AucChange);
        Assert.Equal(ordered[0].Auc, churn.FirstAuc);
        Assert.Equal(MetricKeys.Value(ordered[^1], "lift_10"), churn.Lift10);
        Assert.Equal(MetricKeys.Value(ordered[^1], "lift_5"), churn.Lift5);
        Assert.NotEqual(HealthLevel.NoData, churn.Health);

        // The sparkline is the active line of the score page, forward points only (the rest left as gaps).
        var active = await store.Get<PerformanceQueries>().ActiveOverTimeAsync("churn", "auc", Ct);
        Assert.Equal(active.TakeLast(12).Select(p => (p.Date, p.Kind == EvaluationKind.Forward && !p.Thin ? p.Value : null)),
            churn.Sparkline.Select(p => (p.Date, p.Auc)));

        var others = await store.Get<PerformanceQueries>().OnDateAsync("churn", churn.AucDate, Ct);
        var best = others.Where(o => o.Version != 2 && o.Evaluation.Kind is EvaluationKind.Forward or EvaluationKind.Validation && !o.Evaluation.Thin)
            .MaxBy(o => o.Evaluation.Auc);
        Assert.Equal(best?.Evaluation.Auc, churn.BestOtherAuc);

        // The demo's other scores have no version yet.
        var all = await store.Get<PortfolioQuery>().GetAsync(new PortfolioRequest(null, null), Ct);
        Assert.All(all.Rows.Where(r => r.Name != "churn"), r => Assert.Equal(HealthLevel.NoData, r.Health));
    }
}
