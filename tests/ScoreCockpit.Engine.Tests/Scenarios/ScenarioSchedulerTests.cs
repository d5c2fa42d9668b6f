using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>The scheduler tick on a fake clock: what fires when, across daylight saving and after a downtime.</summary>
public sealed class ScenarioSchedulerTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Definition(string trigger, string catchUp = "latest") => $$"""
        {
          "steps": [ { "type": "set-variables", "name": "mark", "variables": [ { "name": "x", "type": "integer", "value": "1" } ] } ],
          "triggers": [ {{trigger}} ],
          "catchUp": "{{catchUp}}"
        }
        """;

    [Theory]
    [InlineData("none", 0, 3)]
    [InlineData("latest", 1, 2)]
    [InlineData("all", 3, 0)]
    public async Task After_three_days_down_the_catch_up_policy_decides_what_runs(string policy, int runs, int dropped)
    {
        // Saved on Saturday 14 March 2026 at 09:30 UTC; daily at 06:00 Paris (05:00 UTC) — then the portal is down until Tuesday 17th 08:00 UTC.
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(
            new SaveScenario("nightly", null, Definition("""{ "type": "daily", "time": "06:00" }""", policy)), Ana, Ct);
        store.Time.Advance(TimeSpan.FromHours(70.5));

        var starts = (await store.Get<ScenarioScheduler>().TickAsync(Ct)).SelectMany(s => s).ToList();

        Assert.Equal(runs, starts.Count);
        var expected = Enumerable.Range(15, 3).Select(d => new DateTime(2026, 3, d, 5, 0, 0, DateTimeKind.Utc)).TakeLast(runs);
        Assert.Equal(expected, starts.Select(s => s.ScheduledFor!.Value));
        Assert.All(starts, s => Assert.Contains("catch-up", s.Trigger, StringComparison.Ordinal));
        await using var db = await store.OpenAsync();
        var skipped = await db.ScenarioRuns.Where(r => r.Status == RunStatus.Skipped).ToListAsync(Ct);
        Assert.Equal(dropped > 0 ? 1 : 0, skipped.Count);
        if (dropped > 0)
        {
            Assert.Equal($"{dropped} missed fire time(s)", skipped[0].Trigger);
            Assert.Contains($"catch-up policy is '{policy}'", skipped[0].Failure, StringComparison.Ordinal);
        }

        // The store remembers how far it got: the next tick, a minute later, has nothing to do.
        store.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await store.Get<ScenarioScheduler>().TickAsync(Ct));
        var scenario = await db.Scenarios.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(new DateTime(2026, 3, 18, 5, 0, 0, DateTimeKind.Utc), scenario.NextFireAt);
    }

    [Fact]
    public async Task A_weekly_trigger_fires_at_the_same_wall_clock_time_across_the_spring_change()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("weekly", null,
            Definition("""{ "type": "weekly", "days": ["wednesday"], "time": "11:40", "timeZone": "Europe/Paris" }""")), Ana, Ct);
        var scheduler = store.Get<ScenarioScheduler>();
        var fired = new List<DateTime>();

        // Tick for three weeks around 29 March 2026. Every ten minutes rather than every minute as the portal does:
        // the clock starts at 09:30, so the ticks still fall on each firing minute, and the suite spares 27,000 ticks.
        for (var tick = 0; tick < 3 * 7 * 24 * 6; tick++)
        {
            store.Time.Advance(TimeSpan.FromMinutes(10));
            fired.AddRange((await scheduler.TickAsync(Ct)).SelectMany(s => s).Select(s => s.ScheduledFor!.Value));
        }

        Assert.Equal(
            [new DateTime(2026, 3, 18, 10, 40, 0, DateTimeKind.Utc), new DateTime(2026, 3, 25, 10, 40, 0, DateTimeKind.Utc), new DateTime(2026, 4, 1, 9, 40, 0, DateTimeKind.Utc)],
            fired);
    }

    [Fact]
    public async Task Scheduled_runs_of_one_tick_start_and_finish_one_after_the_other()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(
            new SaveScenario("nightly", null, Definition("""{ "type": "daily", "time": "06:00" }""", "all")), Ana, Ct);
        store.Time.Advance(TimeSpan.FromDays(2));
        var runner = store.Get<ScenarioRunner>();

        foreach (var start in (await store.Get<ScenarioScheduler>().TickAsync(Ct)).Single())
        {
            Assert.Equal(RunStatus.Succeeded, (await runner.RunAsync(start, Actor.System, Ct)).Status);
        }

        var page = await store.Get<RunQueries>().ListAsync(new RunFilter("nightly"), Ct);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Succeeded], page.Rows.Select(r => r.Status));
        Assert.Equal([new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 15)], page.Rows.Select(r => r.AsOf));
    }
}
