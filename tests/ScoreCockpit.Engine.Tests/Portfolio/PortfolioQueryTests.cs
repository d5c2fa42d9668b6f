using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;
using static ScoreCockpit.Engine.Tests.Portfolio.PortfolioSeed;

namespace ScoreCockpit.Engine.Tests.Portfolio;

/// <summary>The portfolio read from a store with a known history: figures, health, search, filter, sort and paging.</summary>
public sealed class PortfolioQueryTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly D(int month, int day) => new(2025, month, day);

    private static DateTime At(int month, int day) => new(2025, month, day, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_active_version_s_out_of_time_figures_come_back_never_an_in_sample_or_failed_one(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await SeedAsync(store);
        var query = store.Get<PortfolioQuery>();

        var page = await query.GetAsync(new PortfolioRequest(null, null), Ct);

        Assert.Equal(["renewal", "churn", "fresh", "upsell"], page.Rows.Select(r => r.Name));
        Assert.Equal(new HealthCounts(Healthy: 1, Watch: 1, Decaying: 1, NoData: 1), page.Counts);
        Assert.Equal(4, page.Total);

        var churn = page.Rows.Single(r => r.Name == "churn");
        Assert.Equal(2, churn.ActiveVersion);
        Assert.Equal(At(7, 10), churn.ActiveSince);
        // v2's in-sample 0.99 on 2025-11-30 and its failed 2025-10-31 are not performance: 2025-09-30 is its latest.
        Assert.Equal(D(9, 30), churn.AucDate);
        Assert.Equal(0.76, churn.Auc!.Value, 6);
        Assert.Equal(-0.02, churn.AucChange!.Value, 6);
        Assert.Equal(0.80, churn.FirstAuc!.Value, 6);
        Assert.Equal(Lift(0.76, 2), churn.Lift5);
        Assert.Equal(Lift(0.76, 1.5), churn.Lift10);
        Assert.Equal("v3 · logistic", churn.BestOther);
        Assert.Equal(0.03, churn.Gap!.Value, 6);
        Assert.Equal(ScoringStatus.Failed, churn.LastRunStatus);
        Assert.Equal(0.05, churn.ScorePsi);
        Assert.Equal("ok", churn.PsiLevel);
        Assert.Equal(HealthLevel.Watch, churn.Health);
        Assert.Contains("down 0.040", churn.HealthReason, StringComparison.Ordinal);
        Assert.Null(churn.QualityStatus);
        Assert.Equal(
            [(D(2, 28), 0.75), (D(6, 30), null), (D(7, 31), 0.80), (D(8, 31), 0.78), (D(9, 30), 0.76), (D(10, 31), null), (D(11, 30), null)],
            churn.Sparkline.Select(p => (p.Date, p.Auc)));

        var upsell = page.Rows.Single(r => r.Name == "upsell");
        Assert.Equal(0.01, upsell.AucChange!.Value, 6);
        Assert.Equal(["carla@example.com"], upsell.Owners);
        Assert.Null(upsell.LastRunStatus);
        Assert.Equal("alert", page.Rows.Single(r => r.Name == "renewal").PsiLevel);
        Assert.Null(page.Rows.Single(r => r.Name == "fresh").ActiveVersion);
    }

    [Fact]
    public async Task Search_filter_sort_and_paging_work_on_the_whole_portfolio()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await SeedAsync(store);
        var query = store.Get<PortfolioQuery>();

        var byOwner = await query.GetAsync(new PortfolioRequest("BOB@", null), Ct);
        Assert.Equal(["renewal"], byOwner.Rows.Select(r => r.Name));
        Assert.Equal(new HealthCounts(0, 0, 1, 0), byOwner.Counts);
        Assert.Equal(["renewal"], (await query.GetAsync(new PortfolioRequest("contract", null), Ct)).Rows.Select(r => r.Name));

        var watch = await query.GetAsync(new PortfolioRequest(null, HealthLevel.Watch), Ct);
        Assert.Equal(["churn"], watch.Rows.Select(r => r.Name));
        Assert.Equal(1, watch.Total);
        Assert.Equal(new HealthCounts(1, 1, 1, 1), watch.Counts);

        var second = await query.GetAsync(new PortfolioRequest(null, null, Page: 1, PageSize: 2), Ct);
        Assert.Equal(["fresh", "upsell"], second.Rows.Select(r => r.Name));
        Assert.Equal(4, second.Total);
        Assert.NotEmpty(second.Rows.Single(r => r.Name == "upsell").Sparkline);

        Assert.Equal(["upsell", "renewal", "fresh", "churn"], (await query.GetAsync(new PortfolioRequest(null, null, "-name"), Ct)).Rows.Select(r => r.Name));
        Assert.Equal(["churn", "renewal", "upsell", "fresh"], (await query.GetAsync(new PortfolioRequest(null, null, "-auc"), Ct)).Rows.Select(r => r.Name));

        var badSort = await Assert.ThrowsAsync<CockpitValidationException>(() => query.GetAsync(new PortfolioRequest(null, null, "colour"), Ct));
        Assert.Contains("health, name", badSort.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CockpitValidationException>(() => query.GetAsync(new PortfolioRequest(null, null, PageSize: 0), Ct));
    }

    /// <summary>
    /// churn: v1 active from February, v2 from July 10 and slipping (0.80 → 0.76), challenger v3 better on the latest date,
    /// last run failed (Watch). renewal: PSI 0.30 (Decaying). upsell: steady (Healthy). fresh: no version (NoData).
    /// </summary>
    internal static async Task SeedAsync(TestStore store)
    {
        var churn = await ScoreAsync(store, "churn", "Who leaves next quarter", "ana@example.com");
        var v1 = await VersionAsync(store, churn, D(1, 31));
        var v2 = await VersionAsync(store, churn, D(6, 30));
        var v3 = await VersionAsync(store, churn, D(6, 30), "logistic");
        await ActivateAsync(store, churn, 1, At(2, 5));
        await ActivateAsync(store, churn, 2, At(7, 10));
        await EvaluationAsync(store, v1, D(2, 28), 0.75);
        await EvaluationAsync(store, v1, D(9, 30), 0.74);
        await EvaluationAsync(store, v2, D(6, 30), 0.95, inSample: true);
        await EvaluationAsync(store, v2, D(7, 31), 0.80);
        await EvaluationAsync(store, v2, D(8, 31), 0.78);
        await EvaluationAsync(store, v2, D(9, 30), 0.76);
        await EvaluationAsync(store, v2, D(10, 31), 0, failure: "column plan changed type");
        await EvaluationAsync(store, v2, D(11, 30), 0.99, inSample: true);
        await EvaluationAsync(store, v3, D(9, 30), 0.79);
        await RunAsync(store, churn, v2.Id, ScoringStatus.Succeeded, 0.05, At(10, 1));
        await RunAsync(store, churn, v2.Id, ScoringStatus.Failed, null, At(11, 1));

        var renewal = await ScoreAsync(store, "renewal", "Contract renewal", "bob@example.com");
        var r1 = await VersionAsync(store, renewal, D(3, 31));
        await ActivateAsync(store, renewal, 1, At(4, 1));
        await EvaluationAsync(store, r1, D(8, 31), 0.70);
        await EvaluationAsync(store, r1, D(9, 30), 0.71);
        await RunAsync(store, renewal, r1.Id, ScoringStatus.Succeeded, 0.30, At(10, 2));

        var upsell = await ScoreAsync(store, "upsell", "Second product", "carla@example.com");
        var u1 = await VersionAsync(store, upsell, D(3, 31));
        await ActivateAsync(store, upsell, 1, At(4, 1));
        await EvaluationAsync(store, u1, D(8, 31), 0.66);
        await EvaluationAsync(store, u1, D(9, 30), 0.67);

        await ScoreAsync(store, "fresh", "Not trained yet");
    }
}
