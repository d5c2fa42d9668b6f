using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios;

/// <summary>Several schedulers on one store, on a fake clock: each due time fires once, and a dead leader is replaced.</summary>
public sealed class SchedulerLeaseTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    /// <summary>As the portal and the headless scheduler tick: each minute, well inside the lease's two.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Definition(string trigger) => $$"""
        {
          "steps": [ { "type": "set-variables", "name": "mark", "variables": [ { "name": "x", "type": "integer", "value": "1" } ] } ],
          "triggers": [ {{trigger}} ]
        }
        """;

    /// <summary>The leader's ticks fire; the other stands by until the leader stops renewing, then takes over.</summary>
    [Fact]
    public async Task Two_schedulers_over_sixteen_hours_fire_each_due_time_once_and_a_killed_leader_is_replaced_within_the_lease()
    {
        // PostgreSQL: the store of an installation with several schedulers (SQLite is refused there).
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("hourly", null, Definition("""{ "type": "hourly", "minute": 15 }""")), Ana, Ct);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("daily", null, Definition("""{ "type": "daily", "time": "20:00", "timeZone": "UTC" }""")), Ana, Ct);
        await using var a = store.Replica("scheduler-a");
        await using var b = store.Replica("scheduler-b");
        var expiry = RunLeaseSettings.Default.Expiry;
        var start = store.Time.GetUtcNow();
        var end = start + TimeSpan.FromHours(16);
        var killAt = start + TimeSpan.FromHours(8);
        var fired = new List<(string Scenario, DateTime At, string By)>();
        DateTimeOffset? lastRenewalByA = null, firstLeadByB = null;

        for (var now = start + Tick; now < end; now += Tick)
        {
            store.Time.SetUtcNow(now);
            // Each replica ticks, in an order that changes: neither is favoured by going first.
            var order = now.Minute % 2 == 0 ? new[] { ("a", a), ("b", b) } : [("b", b), ("a", a)];
            foreach (var (name, host) in order)
            {
                // A starts a minute before B, so A leads first; then A dies.
                if ((name == "a" && now >= killAt) || (name == "b" && now == start + Tick))
                {
                    continue;
                }

                if (!await host.GetRequiredService<SchedulerLeadership>().TryLeadAsync(Ct))
                {
                    continue;
                }

                if (name == "a")
                {
                    lastRenewalByA = now;
                }
                else
                {
                    firstLeadByB ??= now;
                }

                var starts = await host.GetRequiredService<ScenarioScheduler>().TickAsync(Ct);
                fired.AddRange(starts.SelectMany(s => s).Select(s => (s.Scenario, s.ScheduledFor!.Value, name)));
            }
        }

        // A was first and led until it died; B took over after the lease expired, at its first tick after that.
        Assert.NotNull(lastRenewalByA);
        Assert.NotNull(firstLeadByB);
        Assert.True(lastRenewalByA < killAt && lastRenewalByA >= killAt - Tick, $"A last renewed at {lastRenewalByA}");
        Assert.InRange(firstLeadByB!.Value - lastRenewalByA!.Value, expiry, expiry + Tick);
        Assert.All(fired.Where(f => f.At < killAt.UtcDateTime - Tick), f => Assert.Equal("a", f.By));
        Assert.All(fired.Where(f => f.At >= killAt.UtcDateTime + expiry + Tick), f => Assert.Equal("b", f.By));

        // Every due time fired exactly once, those in the gap too (on time: within the scheduler's grace).
        var hours = Enumerable.Range(0, 48).Select(h => start.UtcDateTime.Date.AddHours(h).AddMinutes(15))
            .Where(t => t > start.UtcDateTime && t < end.UtcDateTime).ToList();
        Assert.Equal(hours, fired.Where(f => f.Scenario == "hourly").Select(f => f.At).ToList());
        var days = Enumerable.Range(0, 3).Select(d => start.UtcDateTime.Date.AddDays(d).AddHours(20))
            .Where(t => t > start.UtcDateTime && t < end.UtcDateTime).ToList();
        Assert.Equal(days, fired.Where(f => f.Scenario == "daily").Select(f => f.At).ToList());
        Assert.DoesNotContain(fired, f => f.At < start.UtcDateTime);
    }

    /// <summary>A leader paused past its lease (a long GC, a frozen VM) wakes up ticking beside the new one.</summary>
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Two_schedulers_ticking_at_once_still_fire_each_due_time_once(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("hourly", null, Definition("""{ "type": "hourly", "minute": 0 }""")), Ana, Ct);
        await using var a = store.Replica("scheduler-a");
        await using var b = store.Replica("scheduler-b");
        var fired = new List<DateTime>();
        for (var hour = 0; hour < 12; hour++)
        {
            store.Time.Advance(TimeSpan.FromHours(1));
            // Both tick at the same instant, neither asking for the lease.
            var ticks = await Task.WhenAll(a.GetRequiredService<ScenarioScheduler>().TickAsync(Ct), b.GetRequiredService<ScenarioScheduler>().TickAsync(Ct));
            fired.AddRange(ticks.SelectMany(t => t).SelectMany(s => s).Select(s => s.ScheduledFor!.Value));
        }

        var start = TestStore.Start.UtcDateTime;
        Assert.Equal(Enumerable.Range(1, 12).Select(h => start.Date.AddHours(start.Hour + h)).ToList(), fired.Order().ToList());
    }

    [Fact]
    public async Task A_scheduled_run_left_interrupted_is_tried_again_once_by_the_leader()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("nightly", null, Definition("""{ "type": "daily", "time": "23:00" }""")), Ana, Ct);
        // Its 10:00 fire time started on a host that died: still "running", its lease long expired.
        var scenario = await OpenScenarioAsync(store);
        await using (var db = await store.OpenAsync())
        {
            db.ScenarioRuns.Add(new ScenarioRun
            {
                ScenarioId = scenario.Id,
                ScenarioName = "nightly",
                Status = RunStatus.Running,
                Trigger = "daily",
                StartedBy = "scheduler",
                ScheduledFor = TestStore.Start.UtcDateTime.AddDays(-1).Date.AddHours(23),
                AsOf = new DateOnly(2026, 3, 13),
                StartedAt = TestStore.Start.UtcDateTime.AddHours(-10),
                Owner = "gone:1",
                LeaseExpiresAt = TestStore.Start.UtcDateTime.AddHours(-9),
            });
            await db.SaveChangesAsync(Ct);
        }

        store.Time.Advance(TimeSpan.FromMinutes(1));
        var retry = Assert.Single((await store.Get<ScenarioScheduler>().TickAsync(Ct)).SelectMany(s => s));
        Assert.Equal(2, retry.Attempt);
        Assert.Equal(new DateOnly(2026, 3, 13), retry.AsOf);
        Assert.StartsWith("retry 1 of run ", retry.Trigger, StringComparison.Ordinal);
        var run = await store.Get<ScenarioRunner>().RunAsync(retry, Actor.System, Ct);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(retry.RetryOf, run.RetryOf);

        // Retried once: the next tick has nothing more to do for it.
        store.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await store.Get<ScenarioScheduler>().TickAsync(Ct));
    }

    private static async Task<Scenario> OpenScenarioAsync(TestStore store)
    {
        await using var db = await store.OpenAsync();
        return await db.Scenarios.AsNoTracking().SingleAsync(Ct);
    }
}
