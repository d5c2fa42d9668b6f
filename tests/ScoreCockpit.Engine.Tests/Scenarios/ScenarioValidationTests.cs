using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>Mistakes are refused when a scenario is saved, with a message that names them — not at 3 a.m.</summary>
public sealed class ScenarioValidationTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{ "type": "score", "name": "s", "runIf": "condition", "condition": "check('volumetry') = 'OK'" }""", "", "; compare with '=='")]
    [InlineData("""{ "type": "score", "name": "s", "runIf": "condition", "condition": "${date_appli} > date('2026-01-01')" }""", "", "${date_appli}, which is not a variable here")]
    [InlineData("""{ "type": "run-sql", "name": "prep", "sql": "DELETE FROM t WHERE d = ${date_appli}" }""", "", "uses ${date_appli}, not defined here")]
    [InlineData("""{ "type": "score", "name": "s", "score": "upsell" }""", "", "works on score 'upsell', which does not exist")]
    [InlineData("""{ "type": "score", "name": "s" }""", """{ "type": "cron", "expression": "0 6 * * MON-" }""", "cron")]
    [InlineData("""{ "type": "score", "name": "s" }""", """{ "type": "weekly", "days": ["wednesday"], "time": "25:00" }""", "25:00")]
    [InlineData("""{ "type": "score", "name": "s" }""", """{ "type": "weekly", "days": ["wednesday"], "time": "11:40", "timeZone": "Paris" }""", "Paris")]
    [InlineData("""{ "type": "scoer", "name": "s" }""", "", "Step types are: set-variables")]
    [InlineData("""{ "type": "score", "name": "s", "dat": "today" }""", "", "dat")]
    [InlineData("""{ "type": "purge-versions", "name": "p", "upTo": "last wensday" }""", "", "is not a date expression")]
    [InlineData("""{ "type": "score", "name": "s", "condition": "check('v') == 'OK'" }""", "", "set \"runIf\": \"condition\"")]
    public async Task Bad_definitions_are_refused_when_saved_with_what_to_fix(string step, string trigger, string expected)
    {
        await using var store = await TestStore.WithDemoAsync(300, postgres);
        var json = $$"""{ "steps": [ {{step}} ], "triggers": [ {{trigger}} ] }""";

        var error = await Assert.ThrowsAsync<CockpitValidationException>(() =>
            store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("churn-application", "churn", json), Ana, Ct));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.Get<ScenarioQueries>().ListAsync(ct: Ct));
        Assert.Equal([error.Message], await store.Get<SaveScenarioHandler>().CheckAsync("churn", json, Ct));
    }

    [Fact]
    public async Task A_scenario_on_a_score_that_no_longer_exists_is_refused()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var error = await Assert.ThrowsAsync<CockpitValidationException>(() => store.Get<SaveScenarioHandler>().HandleAsync(
            new SaveScenario("gone-application", "gone", """{ "steps": [ { "type": "score", "name": "s" } ] }"""), Ana, Ct));
        Assert.Contains("gone", error.Message, StringComparison.Ordinal);
    }
}
