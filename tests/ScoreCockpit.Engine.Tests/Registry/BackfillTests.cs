using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

/// <summary>
/// Backfills of the demo's churn score (horizon 2 months, month-end snapshots) on a real DuckDB warehouse and SQLite
/// store. As of the 1st of month k+1 the snapshots of months 1 to k−2 are labelled.
/// </summary>
public sealed class BackfillTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_month_without_a_newly_labelled_snapshot_trains_no_duplicate_and_says_no_new_data()
    {
        await using var store = await TestStore.WithDemoAsync(1_000, postgres);
        var demo = DemoOptions.ForToday(store.Get<ScoreCockpit.Engine.Settings.CockpitClock>());
        // Month 5's snapshot was never built: as of the 1st of month 8 nothing is newly labelled.
        await using (var db = await store.OpenAsync())
        {
            var churn = await db.Scores.Where(s => s.Name == "churn").Select(s => s.Id).SingleAsync(Ct);
            Assert.Equal(1, await db.Snapshots.Where(s => s.ScoreId == churn && s.ReferenceDate == demo.ReferenceDate(5)).ExecuteDeleteAsync(Ct));
        }

        var (from, to) = (demo.ReferenceDate(5).AddDays(1), demo.ReferenceDate(8).AddDays(1));
        var gap = from.AddMonths(2);
        var stages = new List<string>();
        var backfill = store.Get<BackfillHandler>();

        var summary = await backfill.HandleAsync(new Backfill("churn", from, to), Ana, new InlineProgress<BackfillProgress>(p => stages.Add(p.Stage)), Ct);

        Assert.Equal(3, summary.Trained);
        Assert.Equal([$"{gap:yyyy-MM-dd}: no new data: same as v2"], summary.NoNewData);
        Assert.Contains($"churn as of {gap:yyyy-MM-dd}: no new data: same as v2", stages);
        var versions = await VersionsAsync(store);
        Assert.Equal([(1, from), (2, from.AddMonths(1)), (3, from.AddMonths(3))], versions.Select(v => (v.Number, v.AsOfDate)));
        Assert.Equal(versions.Count, versions.Select(v => v.ArtifactSha256).Distinct().Count());
        Assert.Equal(demo.ReferenceDate(6), versions[2].ValidationDate);

        // Again: the month still has nothing new, and nothing is trained twice.
        var again = await backfill.HandleAsync(new Backfill("churn", from, to), Ana, ct: Ct);
        Assert.Equal((0, 3), (again.Trained, again.AlreadyThere));
        Assert.Equal(summary.NoNewData, again.NoNewData);
        Assert.Equal(3, (await VersionsAsync(store)).Count);
    }

    [Fact]
    public async Task A_backfill_ending_before_the_latest_labelled_date_evaluates_every_date_labelled_today()
    {
        await using var store = await TestStore.WithDemoAsync(1_000, postgres);
        var demo = DemoOptions.ForToday(store.Get<ScoreCockpit.Engine.Settings.CockpitClock>());
        var today = DateOnly.FromDateTime(store.Time.GetLocalNow().DateTime);
        var asOf = demo.ReferenceDate(4).AddDays(1);

        var summary = await store.Get<BackfillHandler>().HandleAsync(new Backfill("churn", asOf, asOf), Ana, ct: Ct);

        Assert.Equal(1, summary.Trained);
        var labelled = LabelCalendar.Labelled(demo.ReferenceDates(), DemoScores.Churn.HorizonMonths, today);
        Assert.True(labelled[^1] > asOf, $"the latest date labelled today, {labelled[^1]}, is after the backfill's last as-of date {asOf}");
        Assert.Equal(labelled.Count, summary.Evaluations);
        await using var db = await store.OpenAsync();
        var dates = await db.Evaluations.AsNoTracking().Select(e => e.EvaluationDate).ToListAsync(Ct);
        Assert.Equal(labelled, dates.Order());
    }

    private static async Task<List<ModelVersion>> VersionsAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        return await db.ModelVersions.AsNoTracking().OrderBy(v => v.Number).ToListAsync(Ct);
    }
}
