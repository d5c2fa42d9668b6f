using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units;

/// <summary>Which executor runs a batch of units, and how many at once: the installation's, or a person's override.</summary>
public sealed record ExecutorChoice(ExecutorKind Kind, int Workers)
{
    public string Name => UnitSettings.Name(Kind);
}

/// <summary>
/// Sends units to the chosen executor: each attempt is recorded in the store with a lease, a unit whose process was
/// lost is tried again up to <see cref="UnitSettings.Retries"/> times, and at most <see cref="ExecutorChoice.Workers"/>
/// run at once. In-process, units run here with the caller's identity, exactly as before executors existed.
/// </summary>
public sealed class UnitDispatcher(
    IDbContextFactory<CockpitDbContext> contexts, UnitSettings settings, UnitExecutors executors, UnitRunner runner, RunLeases leases,
    TimeProvider time, ILogger<UnitDispatcher> logger)
{
    public ExecutorChoice Installation => new(settings.Executor, settings.Workers);

    /// <summary>The installation's choice with a person's overrides (`--executor`, `--workers`).</summary>
    public ExecutorChoice Choose(ExecutorKind? kind, int? workers) =>
        new(kind ?? settings.Executor, workers ?? (kind is { } k && k != settings.Executor ? UnitSettings.DefaultWorkers(k) : settings.Workers));

    /// <summary>Runs one unit; the result says how it ended (failed units included).</summary>
    public async Task<UnitResult> RunAsync(UnitOfWork unit, Actor actor, Action<string> log, ExecutorChoice? choice = null,
        long? scenarioRunId = null, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "run units of work");
        choice ??= Installation;
        var safeLog = Serialised(log);
        for (var attempt = 1; ; attempt++)
        {
            var result = await AttemptAsync(unit, actor, safeLog, choice, attempt, scenarioRunId, ct);
            if (result.Status != UnitStatus.Interrupted || attempt > settings.Retries)
            {
                return result;
            }

            safeLog($"{unit.Describe()}: {result.Message} Trying again ({attempt} of {settings.Retries} retries).");
        }
    }

    /// <summary>Runs units side by side, at most <see cref="ExecutorChoice.Workers"/> at once; results in the units' order.</summary>
    public async Task<IReadOnlyList<UnitResult>> RunAllAsync(IReadOnlyList<UnitOfWork> units, Actor actor, Action<string> log, ExecutorChoice? choice = null,
        long? scenarioRunId = null, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "run units of work");
        choice ??= Installation;
        var results = new UnitResult[units.Count];
        var safeLog = Serialised(log);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = choice.Workers, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, units.Count), parallel, async (i, token) =>
            results[i] = await RunAsync(units[i], actor, safeLog, choice, scenarioRunId, token));
        return results;
    }

    private async Task<UnitResult> AttemptAsync(UnitOfWork unit, Actor actor, Action<string> log, ExecutorChoice choice, int attempt,
        long? scenarioRunId, CancellationToken ct)
    {
        long id;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            id = await UnitRecords.OpenAsync(db, unit, choice.Name, attempt, scenarioRunId, actor.Name, leases.Owner,
                time.GetUtcNow().UtcDateTime, leases.FirstExpiry(), ct);
        }

        var recorded = unit with { RunId = id };
        UnitResult result;
        try
        {
            if (choice.Kind == ExecutorKind.InProcess)
            {
                return await runner.RunAsync(recorded, actor, log, ct);
            }

            await using (leases.HoldUnitRun(id))
            {
                result = await executors.Get(choice.Kind).RunAsync(recorded, log, ct);
            }
        }
        catch (Exception e)
        {
            // Whatever stopped it (a cancelled run, a cluster it may not use), the record does not stay "running".
            var failed = UnitResult.Failed(unit, e is OperationCanceledException ? "Cancelled." : e.Message, 0);
            await UnitRecords.FinishAsync(contexts, id, failed, time.GetUtcNow().UtcDateTime, CancellationToken.None);
            throw;
        }

        // The unit's process stores its own outcome; this one stores it too in case that process could not.
        await UnitRecords.FinishAsync(contexts, id, result, time.GetUtcNow().UtcDateTime, CancellationToken.None);
        if (!result.Succeeded)
        {
            logger.LogWarning("Unit {Unit} on {Executor}: {Status}: {Reason}", unit.Describe(), choice.Name, result.Status, result.Message);
        }

        return result;
    }

    private static Action<string> Serialised(Action<string> log)
    {
        var gate = new Lock();
        return line =>
        {
            lock (gate)
            {
                log(line);
            }
        };
    }
}
