using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>Scenarios run on the demo: steps in order by their run-if rules, typed outputs, a durable record of each step.</summary>
public sealed class ScenarioRunnerTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly Actor Viv = Actor.Of("viv@example.com", Roles.Viewer);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Application = """
        {
          "steps": [
            { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "last day of previous month" } ] },
            { "type": "build-snapshot", "name": "snapshot" },
            { "type": "score", "name": "score", "runIf": "condition", "condition": "output('snapshot', 'rows') > 100 and ${date_ref} == date('2026-02-28')" },
            { "type": "set-variables", "name": "never", "runIf": "condition", "condition": "output('score', 'rows') < 0",
              "variables": [ { "name": "flag", "type": "text", "value": "unreachable" } ] }
          ],
          "triggers": [ { "type": "manual" } ]
        }
        """;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_run_executes_its_steps_by_their_rules_and_records_each_with_typed_outputs(StoreProvider provider)
    {
        await using var store = await ChurnWithActiveVersionAsync(provider, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("churn-application", "churn", Application), Ana, Ct);

        var run = await store.Get<ScenarioRunner>().RunAsync(new StartRun("churn-application"), Ana, Ct);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var stored = await store.Get<RunQueries>().GetAsync(run.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(["Succeeded", "Succeeded", "Succeeded", "Skipped"], stored.Steps.Select(s => s.Status.ToString()));
        Assert.Equal("Its condition was false: output('score', 'rows') < 0", stored.Steps[3].Message);
        var outputs = TypedValuesJson.Read(stored.Steps[2].OutputsJson);
        var scoring = await store.Get<ListScoringRunsHandler>().HandleAsync("churn", ct: Ct);
        Assert.Equal(scoring[0].Rows, (double)outputs["rows"].Value);
        Assert.Equal(new DateOnly(2026, 2, 28), outputs["reference_date"].Value);
        Assert.Contains("date_ref = 2026-02-28", stored.Steps[0].Log, StringComparison.Ordinal);
        Assert.Contains("Condition output('snapshot', 'rows') > 100", stored.Steps[2].Log, StringComparison.Ordinal);
        Assert.Equal("2026-02-28", TypedValuesJson.Read(stored.VariablesJson)["date_ref"].ToString());
        Assert.Equal(("manual", "ana@example.com", new DateOnly(2026, 3, 14)), (stored.Trigger, stored.StartedBy, stored.AsOf));
        Assert.All(stored.Steps.Take(3), s => Assert.NotNull(s.FinishedAt));
    }

    [Fact]
    public async Task A_failed_step_stops_the_steps_that_need_success_and_runs_the_ones_on_failure()
    {
        await using var store = await ChurnWithActiveVersionAsync(StoreProvider.Sqlite, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("churn-broken", "churn", """
            {
              "steps": [
                { "type": "run-sql", "name": "dataprep", "sql": "SELECT * FROM no_such_table" },
                { "type": "score", "name": "score" },
                { "type": "set-variables", "name": "cleanup", "runIf": "failure", "variables": [ { "name": "outcome", "type": "text", "value": "failed" } ] },
                { "type": "set-variables", "name": "always", "runIf": "always", "variables": [ { "name": "done", "type": "integer", "value": "1" } ] }
              ]
            }
            """), Ana, Ct);
        var scoringRunsBefore = (await store.Get<ListScoringRunsHandler>().HandleAsync("churn", ct: Ct)).Count;

        var run = await store.Get<ScenarioRunner>().RunAsync(new StartRun("churn-broken"), Ana, Ct);

        Assert.Equal((RunStatus.Failed, "dataprep"), (run.Status, run.FailedStep));
        Assert.Contains("no_such_table", run.Failure, StringComparison.OrdinalIgnoreCase);
        var stored = (await store.Get<RunQueries>().GetAsync(run.Id, Ct))!;
        Assert.Equal(["Failed", "Skipped", "Succeeded", "Succeeded"], stored.Steps.Select(s => s.Status.ToString()));
        Assert.Equal("A step before it failed.", stored.Steps[1].Message);
        Assert.Equal(scoringRunsBefore, (await store.Get<ListScoringRunsHandler>().HandleAsync("churn", ct: Ct)).Count);
    }

    [Fact]
    public async Task A_second_start_while_the_scenario_runs_is_recorded_as_skipped()
    {
        await using var store = await ChurnWithActiveVersionAsync(StoreProvider.Sqlite, postgres);
        var saved = await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("churn-application", "churn", Application), Ana, Ct);
        await using (var db = await store.OpenAsync())
        {
            // A run that is still going (as a long step would be): its owner keeps its lease ahead of now.
            db.ScenarioRuns.Add(new ScenarioRun
            {
                ScenarioId = saved.Id,
                ScenarioName = saved.Name,
                Status = RunStatus.Running,
                Trigger = "manual",
                StartedBy = "ana",
                AsOf = new DateOnly(2026, 3, 14),
                StartedAt = TestStore.Start.UtcDateTime,
                Owner = "host-a:42",
                LeaseExpiresAt = TestStore.Start.UtcDateTime.AddMinutes(2),
            });
            await db.SaveChangesAsync(Ct);
        }

        var second = await store.Get<ScenarioRunner>().RunAsync(new StartRun("churn-application", "Wednesdays at 11:40 (Europe/Paris)", TestStore.Start.UtcDateTime), Ana, Ct);

        Assert.Equal(RunStatus.Skipped, second.Status);
        Assert.Contains("was still running", second.Failure, StringComparison.Ordinal);
        Assert.Empty(await store.Get<ListScoringRunsHandler>().HandleAsync("churn", ct: Ct));
        Assert.Equal(2, (await store.Get<RunQueries>().ListAsync(new RunFilter("churn-application"), Ct)).Total);
    }

    [Fact]
    public async Task A_viewer_cannot_start_a_run_and_nothing_is_recorded()
    {
        await using var store = await ChurnWithActiveVersionAsync(StoreProvider.Sqlite, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("churn-application", "churn", Application), Ana, Ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.Get<ScenarioRunner>().RunAsync(new StartRun("churn-application"), Viv, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("other", "churn", Application), Viv, Ct));

        await using var db = await store.OpenAsync();
        Assert.Empty(await db.ScenarioRuns.ToListAsync(Ct));
        Assert.Equal(1, await db.Scenarios.CountAsync(Ct));
    }

    /// <summary>The demo with churn's first version active (<see cref="TestStore.PreparedAsync"/>).</summary>
    internal static Task<TestStore> ChurnWithActiveVersionAsync(StoreProvider provider, PostgresClusterFixture postgres) =>
        TestStore.PreparedAsync(provider, "churn, version 1 active", ActivateFirstChurnAsync, postgres);

    private static async Task ActivateFirstChurnAsync(TestStore store)
    {
        await store.Get<DemoInstaller>().InstallAsync(1_500, ct: Ct);
        await store.Get<TrainVersionHandler>().HandleAsync(new TrainVersion("churn", new DateOnly(2025, 6, 1)), Ana, Ct);
        await store.Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion("churn", 1, "first"), Ana, Ct);
    }
}
