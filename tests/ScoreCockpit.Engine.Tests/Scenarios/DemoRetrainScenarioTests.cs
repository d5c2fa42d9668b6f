using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>The demo's monthly scenario end to end: a new version and its challengers, every version evaluated on the new labelled month, the report, no activation.</summary>
public sealed class DemoRetrainScenarioTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_monthly_retrain_adds_a_version_evaluates_every_version_on_the_new_month_writes_the_report_and_activates_nothing()
    {
        await using var store = await TestStore.WithDemoAsync(1_500, postgres);
        await store.Get<DemoScenarios>().SaveAsync(Ct);
        await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("renewal", new DateOnly(2025, 9, 1)), Ana, Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("renewal", 1, "in production"), Ana, Ct);
        await store.Get<EvaluateAllVersionsHandler>().HandleAsync(new EvaluateAllVersions("renewal", AsOf: new DateOnly(2026, 2, 1)), Ana, ct: Ct);
        var activationsBefore = await CountAsync(store, db => db.Activations);

        var run = await store.Get<ScenarioRunner>().RunAsync(
            new StartRun(DemoScenarios.Retrain("renewal"), "The 1st of each month at 06:00 (Europe/Paris)", new DateTime(2026, 3, 1, 5, 0, 0, DateTimeKind.Utc)), Actor.System, Ct);

        Assert.True(run.Status == RunStatus.Succeeded, run.Failure);
        Assert.Equal(new DateOnly(2026, 3, 1), run.AsOf);
        await using var db = await store.OpenAsync();
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.ScoreId == db.Scores.Single(s => s.Name == "renewal").Id).ToListAsync(Ct);
        var monthly = versions.Where(v => v.AsOfDate == new DateOnly(2026, 3, 1)).ToList();
        Assert.Single(monthly, v => v.ChallengerName is null);
        Assert.Contains(monthly, v => v.ChallengerName is not null);

        var steps = (await store.Get<RunQueries>().GetAsync(run.Id, Ct))!.Steps;
        var latest = (DateOnly)TypedValuesJson.Read(steps.Single(s => s.Name == "evaluate").OutputsJson)["latest_date"].Value;
        var evaluated = await db.Evaluations.AsNoTracking().Where(e => e.EvaluationDate == latest).Select(e => e.VersionId).ToListAsync(Ct);
        Assert.Equal(versions.Select(v => v.Id).Order(), evaluated.Order());

        var report = (string)TypedValuesJson.Read(steps.Single(s => s.Name == "report").OutputsJson)["path"].Value;
        Assert.Equal(Path.Combine(store.Get<DataFolder>().Path, "reports", "renewal", "renewal-report-2026-03-01.xlsx"), report);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(report))
        {
            Assert.Contains(workbook.Worksheets, w => w.Name == "Cover");
            Assert.Contains(workbook.Worksheets, w => w.Name == "Checks");
        }

        Assert.Equal(activationsBefore, await CountAsync(store, d => d.Activations));
        Assert.Equal(1, (await ActiveVersions.CurrentAsync(db, versions[0].ScoreId, Ct))!.Number);
    }

    private static async Task<int> CountAsync<T>(TestStore store, Func<CockpitDbContext, IQueryable<T>> set)
    {
        await using var db = await store.OpenAsync();
        return await set(db).CountAsync(Ct);
    }
}
