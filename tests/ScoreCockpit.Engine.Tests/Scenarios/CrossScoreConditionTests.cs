using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>
/// A churn scenario gated on the renewal score's checks and metrics: a condition reads the result stored for the
/// run's reference date (or the date it names), never an older or newer one, and says so when there is none.
/// </summary>
public sealed class CrossScoreConditionTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private static readonly DateOnly Stale = new(2025, 6, 30);
    private static readonly DateOnly RunDate = new(2026, 2, 28);
    private static readonly DateOnly Later = new(2026, 3, 31);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_stale_OK_does_not_pass_and_the_result_for_the_runs_date_does(StoreProvider provider)
    {
        await using var store = await ScoresAsync(provider);
        await CheckAsync(store, Stale, CheckStatus.Ok);
        await MetricAsync(store, Stale, 5_000);
        await SaveAsync(store, "check-gate", "check('renewal', 'volumetry') == 'OK'");
        await SaveAsync(store, "metric-gate", "metric('renewal', 'row_count') > 1000");

        var check = await RunAsync(store, "check-gate");
        var metric = await RunAsync(store, "metric-gate");

        Assert.Equal((RunStatus.Failed, "gated"), (check.Status, check.FailedStep));
        Assert.Equal(
            "Condition `check('renewal', 'volumetry') == 'OK'`: the check 'volumetry' of renewal has no result for the run's reference date "
            + "(${date_ref}) 2026-02-28. Run the check for 2026-02-28 before this step, or name the reference date to read as the last "
            + "argument: check('renewal', 'volumetry', date('yyyy-mm-dd')).",
            check.Failure);
        Assert.Equal((RunStatus.Failed, "gated"), (metric.Status, metric.FailedStep));
        Assert.Contains("the metric 'row_count' of renewal has no value for the run's reference date (${date_ref}) 2026-02-28.", metric.Failure,
            StringComparison.Ordinal);
        var stored = await store.Get<RunQueries>().GetAsync(check.Id, Ct);
        Assert.Equal(["Succeeded", "Failed", "Succeeded"], stored!.Steps.Select(s => s.Status.ToString()));

        // The run's date now has its result; a later date's ERROR (the latest) must not be read either.
        await CheckAsync(store, RunDate, CheckStatus.Ok);
        await MetricAsync(store, RunDate, 4_000);
        await CheckAsync(store, Later, CheckStatus.Error);
        await MetricAsync(store, Later, 10);

        Assert.Equal(["Succeeded", "Succeeded", "Succeeded"], await StepStatusesAsync(store, "check-gate"));
        Assert.Equal(["Succeeded", "Succeeded", "Succeeded"], await StepStatusesAsync(store, "metric-gate"));
    }

    [Fact]
    public async Task A_condition_can_name_the_reference_date_it_reads()
    {
        await using var store = await ScoresAsync(StoreProvider.Sqlite);
        await CheckAsync(store, Stale, CheckStatus.Ok);
        await CheckAsync(store, RunDate, CheckStatus.Error);
        await MetricAsync(store, RunDate, 4_000);
        await SaveAsync(store, "named-dates",
            "check('renewal', 'volumetry', date('2025-06-30')) == 'OK' and metric('renewal', 'row_count', ${date_ref}) == 4000");
        await SaveAsync(store, "named-today", "check('renewal', 'volumetry', today()) == 'OK'");

        Assert.Equal(["Succeeded", "Succeeded", "Succeeded"], await StepStatusesAsync(store, "named-dates"));
        var today = await RunAsync(store, "named-today");
        Assert.Equal(RunStatus.Failed, today.Status);
        Assert.Contains("the check 'volumetry' of renewal has no result for 2026-03-14.", today.Failure, StringComparison.Ordinal);
    }

    private async Task<TestStore> ScoresAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider, postgres);
        foreach (var name in new[] { "churn", "renewal" })
        {
            await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(TestDefinitions.Sample(name)), Ana, Ct);
        }

        return store;
    }

    /// <summary>A scenario of churn whose step "gated" runs on <paramref name="condition"/>, with date_ref set to 2026-02-28.</summary>
    private static Task<Scenario> SaveAsync(TestStore store, string name, string condition) =>
        store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario(name, "churn", $$"""
            {
              "steps": [
                { "type": "set-variables", "name": "dates", "variables": [ { "name": "date_ref", "type": "date", "value": "2026-02-28" } ] },
                { "type": "set-variables", "name": "gated", "runIf": "condition", "condition": "{{condition.Replace("\"", "\\\"", StringComparison.Ordinal)}}",
                  "variables": [ { "name": "gate", "type": "text", "value": "open" } ] },
                { "type": "set-variables", "name": "after", "runIf": "always", "variables": [ { "name": "done", "type": "integer", "value": "1" } ] }
              ]
            }
            """), Ana, Ct);

    private static Task<ScenarioRun> RunAsync(TestStore store, string scenario) =>
        store.Get<ScenarioRunner>().RunAsync(new StartRun(scenario), Ana, Ct);

    private static async Task<IReadOnlyList<string>> StepStatusesAsync(TestStore store, string scenario)
    {
        var run = await RunAsync(store, scenario);
        var stored = await store.Get<RunQueries>().GetAsync(run.Id, Ct);
        return stored!.Steps.Select(s => s.Status.ToString()).ToList();
    }

    private static async Task CheckAsync(TestStore store, DateOnly date, CheckStatus status)
    {
        await using var db = await store.OpenAsync();
        db.CheckResults.Add(new CheckResult
        {
            ScoreId = await RenewalAsync(db),
            CheckName = "volumetry",
            Kind = "change",
            MetricName = "row_count",
            Status = status,
            Message = $"{status} on {date:yyyy-MM-dd}",
            ReferenceDate = date,
            CheckedAt = store.Time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task MetricAsync(TestStore store, DateOnly date, double value)
    {
        await using var db = await store.OpenAsync();
        db.QualityMeasurements.Add(new QualityMeasurement
        {
            ScoreId = await RenewalAsync(db),
            MetricName = "row_count",
            Dataset = "usage",
            ReferenceDate = date,
            Value = value,
            MeasuredAt = store.Time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(Ct);
    }

    private static Task<int> RenewalAsync(CockpitDbContext db) =>
        db.Scores.Where(s => s.Name == "renewal").Select(s => s.Id).SingleAsync(Ct);
}
