using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scoring;

/// <summary>
/// Runs are alive while their owner renews a lease in the store (every 30 s, for 2 min by default): a run whose lease
/// expired is marked interrupted by whichever host sees it, whatever machine or process id its owner names.
/// </summary>
public sealed class RunLeaseTests(PostgresClusterFixture postgres)
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_run_whose_lease_expired_is_interrupted_whether_its_owner_is_another_host_or_a_live_process_id(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var scenario = await ScenarioAsync(store);
        var now = store.Time.GetUtcNow().UtcDateTime;
        // A new container's run (another host), and a run whose process id is alive here (this very process: a
        // reused id). Neither owner renews: both die with their lease, not with their owner's name.
        var elsewhere = await RunningAsync(store, scenario, "container-7f3a:1", now.AddMinutes(2));
        var reused = await RunningAsync(store, scenario, $"{Environment.MachineName}:{Environment.ProcessId}", now.AddMinutes(2));
        var scheduler = store.Get<ScenarioScheduler>();

        store.Time.Advance(TimeSpan.FromSeconds(119));
        await scheduler.TickAsync(Ct);
        Assert.Equal([RunStatus.Running, RunStatus.Running], await StatusesAsync(store, elsewhere, reused));

        store.Time.Advance(TimeSpan.FromSeconds(1));
        await scheduler.TickAsync(Ct);
        Assert.Equal([RunStatus.Interrupted, RunStatus.Interrupted], await StatusesAsync(store, elsewhere, reused));
        await using var db = await store.OpenAsync();
        var run = await db.ScenarioRuns.Include(r => r.Steps).SingleAsync(r => r.Id == elsewhere, Ct);
        Assert.Equal((StepStatus.Interrupted, "The process stopped during step 'slow'; that step's output was left as its own rules say (a scoring run keeps the previous scores, a snapshot the previous table)."),
            (run.Steps[0].Status, run.Failure));
        Assert.Equal(now.AddMinutes(2), run.FinishedAt);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_renewed_lease_keeps_a_run_alive_and_a_scenario_with_a_dead_run_runs_again(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, postgres);
        var scenario = await ScenarioAsync(store);
        var start = store.Time.GetUtcNow().UtcDateTime;
        var id = await RunningAsync(store, scenario, "host-a:42", start.AddMinutes(2));
        var leases = store.Get<RunLeases>();
        var scheduler = store.Get<ScenarioScheduler>();

        await using (leases.HoldScenarioRun(id))
        {
            // Ten minutes of renewals every 30 s: each moves the lease to 2 min after it, and the run stays alive.
            for (var i = 1; i <= 20; i++)
            {
                store.Time.Advance(TimeSpan.FromSeconds(30));
                var expected = start.AddSeconds(30 * i).AddMinutes(2);
                // The renewal runs on the thread pool once the fake clock fires its timer: wait for what it writes.
                await Wait.UntilAsync(async () => await LeaseAsync(store, id) == expected, $"the lease renewed to {expected:O}");
                await scheduler.TickAsync(Ct);
            }

            Assert.Equal([RunStatus.Running], await StatusesAsync(store, id));
            var skipped = await store.Get<ScenarioRunner>().RunAsync(new StartRun("lease-probe"), Ana, Ct);
            Assert.Equal(RunStatus.Skipped, skipped.Status);
        }

        // The owner stopped renewing: 2 minutes later the next start marks the run interrupted and runs.
        store.Time.Advance(TimeSpan.FromSeconds(119));
        var runner = store.Get<ScenarioRunner>();
        Assert.Equal(RunStatus.Skipped, (await runner.RunAsync(new StartRun("lease-probe"), Ana, Ct)).Status);
        store.Time.Advance(TimeSpan.FromSeconds(1));
        var next = await runner.RunAsync(new StartRun("lease-probe"), Ana, Ct);
        Assert.Equal(RunStatus.Succeeded, next.Status);
        Assert.Equal([RunStatus.Interrupted], await StatusesAsync(store, id));
        Assert.Equal($"{Environment.MachineName}:{Environment.ProcessId}", next.Owner);
    }

    [Theory]
    [InlineData("0", "60", "Runs:LeaseRenewalSeconds is '0': give a number of seconds above 0, e.g. 30.")]
    [InlineData("30", "45", "Runs:LeaseExpirySeconds (45 s) must be at least twice Runs:LeaseRenewalSeconds (30 s)")]
    public void Lease_settings_that_would_make_a_live_run_look_dead_are_refused(string renewal, string expiry, string expected)
    {
        var settings = new Dictionary<string, string> { [RunLeaseSettings.RenewalKey] = renewal, [RunLeaseSettings.ExpiryKey] = expiry };

        var error = Assert.Throws<CockpitSetupException>(() => RunLeaseSettings.Resolve(settings.GetValueOrDefault));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lease_settings_default_to_30_seconds_and_2_minutes_on_this_machine()
    {
        Assert.Equal(new RunLeaseSettings(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), Environment.MachineName), RunLeaseSettings.Resolve(_ => null));
        Assert.Equal(new RunLeaseSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), "host-b"),
            RunLeaseSettings.Resolve(new Dictionary<string, string> { [RunLeaseSettings.RenewalKey] = "1", [RunLeaseSettings.ExpiryKey] = "4", [RunLeaseSettings.HostKey] = "host-b" }.GetValueOrDefault));
    }

    private static Task<Scenario> ScenarioAsync(TestStore store) =>
        store.Get<SaveScenarioHandler>().HandleAsync(new SaveScenario("lease-probe", null, """
            { "steps": [ { "type": "set-variables", "name": "slow", "variables": [ { "name": "x", "type": "integer", "value": "1" } ] } ] }
            """), Ana, Ct);

    private static async Task<long> RunningAsync(TestStore store, Scenario scenario, string owner, DateTime leaseExpiresAt)
    {
        await using var db = await store.OpenAsync();
        var run = new ScenarioRun
        {
            ScenarioId = scenario.Id,
            ScenarioName = scenario.Name,
            Status = RunStatus.Running,
            Trigger = "manual",
            StartedBy = "ana",
            AsOf = new DateOnly(2026, 3, 14),
            StartedAt = store.Time.GetUtcNow().UtcDateTime,
            Owner = owner,
            LeaseExpiresAt = leaseExpiresAt,
            Steps = [new ScenarioStepRun { Position = 0, Name = "slow", Type = "set-variables", Status = StepStatus.Running }],
        };
        db.ScenarioRuns.Add(run);
        await db.SaveChangesAsync(Ct);
        return run.Id;
    }

    private static async Task<RunStatus[]> StatusesAsync(TestStore store, params long[] ids)
    {
        await using var db = await store.OpenAsync();
        var statuses = await db.ScenarioRuns.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Status, Ct);
        return ids.Select(id => statuses[id]).ToArray();
    }

    private static async Task<DateTime?> LeaseAsync(TestStore store, long id)
    {
        await using var db = await store.OpenAsync();
        return await db.ScenarioRuns.AsNoTracking().Where(r => r.Id == id).Select(r => r.LeaseExpiresAt).SingleAsync(Ct);
    }
}
