using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Triggers;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios.Scheduling;

/// <summary>
/// One scheduler tick (the portal calls it every minute): for each enabled scenario, the fire times since it was
/// last looked at are due; the catch-up policy decides which of the late ones run. The stored "scheduled through"
/// instant moves to now, so a restart sees exactly what it missed. Returns the runs to start, per scenario, oldest
/// first; a scenario's runs must be started one after the other. A scheduled run that was interrupted is tried again
/// first, per <see cref="RunLeaseSettings.RetryInterrupted"/>. Where several schedulers share the store, only the
/// <see cref="SchedulerLeadership"/> holder should tick; the tick stays safe if two do.
/// </summary>
public sealed class ScenarioScheduler(
    IDbContextFactory<CockpitDbContext> contexts, IEnumerable<IRunObserver> observers, RunLeases leases, RunLeaseSettings settings, TimeProvider time, CockpitClock clock,
    ILogger<ScenarioScheduler> logger)
{
    /// <summary>A fire time this close to now is on time; older ones were missed (the process was down).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<IReadOnlyList<StartRun>>> TickAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Every tick, on every host: a run whose owner stopped renewing its lease (a dead process, a removed container)
        // is marked interrupted, so its scenario runs again at its next fire time instead of being skipped forever.
        if (await InterruptedRuns.MarkAsync(db, now.UtcDateTime, ct) is var interrupted and > 0)
        {
            logger.LogWarning("{Count} run(s) whose lease expired were marked interrupted", interrupted);
        }

        var scenarios = await db.Scenarios.AsNoTracking().Where(s => s.Enabled).OrderBy(s => s.Name).ToListAsync(ct);
        var retries = await InterruptedRunRetries.DueAsync(db, settings.RetryInterrupted, now.UtcDateTime, ct);
        var starts = new List<IReadOnlyList<StartRun>>();
        foreach (var scenario in scenarios)
        {
            ScenarioDefinition definition;
            try
            {
                definition = ScenarioJson.Read(scenario.DefinitionJson);
            }
            catch (CockpitValidationException e)
            {
                logger.LogError("Scenario {Scenario} cannot be scheduled: {Reason}", scenario.Name, e.Message);
                continue;
            }

            var through = new DateTimeOffset(scenario.ScheduledThrough, TimeSpan.Zero);
            var due = ScenarioSchedule.Due(definition, through, now);
            var plan = CatchUp.Plan(due.Select(d => d.At).ToList(), now, definition.CatchUp, Grace);

            // Claimed only if no other scheduler moved "scheduled through" since it was read: each due time fires once.
            var next = ScenarioSchedule.NextFire(definition, now)?.UtcDateTime;
            var claimed = await db.Scenarios.Where(s => s.Id == scenario.Id && s.ScheduledThrough == scenario.ScheduledThrough)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ScheduledThrough, now.UtcDateTime).SetProperty(s => s.NextFireAt, next), ct);
            if (claimed == 0)
            {
                logger.LogInformation("Scenario {Scenario}: its due times were taken by another scheduler", scenario.Name);
                continue;
            }

            if (plan.Dropped.Count > 0)
            {
                db.ScenarioRuns.Add(Dropped(scenario, definition, plan.Dropped, now));
            }

            var runs = retries.Where(r => r.Scenario == scenario.Name)
                .Concat(plan.Run.Select(at => new StartRun(scenario.Name, Describe(due.First(d => d.At == at).Trigger, at, now), at.UtcDateTime))).ToList();
            if (runs.Count > 0)
            {
                starts.Add(runs);
            }
        }

        await db.SaveChangesAsync(ct);
        await WatchRunningAsync(db, ct);
        return starts;
    }

    private static string Describe(TriggerDefinition trigger, DateTimeOffset at, DateTimeOffset now) =>
        now - at > Grace ? $"{TriggerSchedule.Describe(trigger)} (catch-up for {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC)" : TriggerSchedule.Describe(trigger);

    /// <summary>Missed fire times the policy does not run are kept as one skipped run, so the gap is visible.</summary>
    private ScenarioRun Dropped(Scenario scenario, ScenarioDefinition definition, IReadOnlyList<DateTimeOffset> dropped, DateTimeOffset now)
    {
        var (first, last) = (dropped.Min().UtcDateTime, dropped.Max().UtcDateTime);
        logger.LogWarning("Scenario {Scenario}: {Count} missed fire time(s) not run (catch-up {Policy})", scenario.Name, dropped.Count, definition.CatchUp);
        return new ScenarioRun
        {
            ScenarioId = scenario.Id,
            ScenarioName = scenario.Name,
            ScoreId = scenario.ScoreId,
            Status = RunStatus.Skipped,
            Trigger = $"{dropped.Count} missed fire time(s)",
            StartedBy = "scheduler",
            ScheduledFor = last,
            AsOf = clock.DayOf(now.UtcDateTime),
            StartedAt = now.UtcDateTime,
            FinishedAt = now.UtcDateTime,
            Owner = leases.Owner,
            Failure = dropped.Count == 1
                ? $"Missed while the portal was stopped ({first:yyyy-MM-dd HH:mm} UTC); not run because the catch-up policy is '{Policy(definition.CatchUp)}'."
                : $"Missed while the portal was stopped ({first:yyyy-MM-dd HH:mm} to {last:yyyy-MM-dd HH:mm} UTC); not run because the catch-up policy is '{Policy(definition.CatchUp)}'.",
        };
    }

    private static string Policy(CatchUpPolicy policy) => policy.ToString().ToLowerInvariant();

    /// <summary>Runs still in progress are shown to the observers at each tick, so a duration alert goes out while it matters.</summary>
    private async Task WatchRunningAsync(CockpitDbContext db, CancellationToken ct)
    {
        var running = await db.ScenarioRuns.AsNoTracking().Where(r => r.Status == RunStatus.Running && r.DurationAlertAt == null).ToListAsync(ct);
        foreach (var run in running)
        {
            var scenario = await db.Scenarios.AsNoTracking().SingleAsync(s => s.Id == run.ScenarioId, ct);
            foreach (var observer in observers)
            {
                try
                {
                    await observer.RunStillRunningAsync(run, ScenarioJson.Read(scenario.DefinitionJson), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Scenario {Scenario} run {Run}: duration check failed: {Reason}", run.ScenarioName, run.Id, e.Message);
                }
            }
        }
    }
}
