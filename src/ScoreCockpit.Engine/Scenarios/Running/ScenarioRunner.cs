using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scenarios.Running;

/// <summary>Start a scenario: by a trigger (with its fire time) or by a person (manual).</summary>
/// <remarks>
/// <paramref name="ReplayedAt"/> dates a replayed run in the past (the demo's history): its times are shifted to start
/// then, and it counts as scheduled (no role check), like an activation's replay date.
/// </remarks>
/// <paramref name="RetryOf"/> is the interrupted run a retry tries again, with its day and fire time.
public sealed record StartRun(string Scenario, string Trigger = "manual", DateTime? ScheduledFor = null, DateOnly? AsOf = null,
    IReadOnlyList<Variable>? Variables = null, DateTime? ReplayedAt = null, long? RetryOf = null, int Attempt = 1);

/// <summary>
/// Runs a scenario's steps in order, each by its run-if rule, recording the run and every step in the store as it
/// goes (so a crash leaves a trace the next start marks interrupted). A scenario never runs twice at once: a
/// second start while one is running is recorded as skipped.
/// </summary>
public sealed class ScenarioRunner(
    IDbContextFactory<CockpitDbContext> contexts, IEnumerable<IStepExecutor> executors, IEnumerable<IRunObserver> observers,
    ScenarioFacts facts, RunLeases leases, TimeProvider time, CockpitClock clock, ILogger<ScenarioRunner> logger)
{
    private readonly Dictionary<string, IStepExecutor> byType = executors.ToDictionary(e => e.Type);
    private readonly ConcurrentDictionary<int, byte> running = new();

    public Task<ScenarioRun> RunAsync(StartRun request, Actor actor, CancellationToken ct = default) => RunAsync(request, actor, null, ct);

    /// <summary>As above; <paramref name="progress"/> hears of each step as it starts (the command line prints it).</summary>
    public async Task<ScenarioRun> RunAsync(StartRun request, Actor actor, IProgress<string>? progress, CancellationToken ct = default)
    {
        // First, for scheduled runs too (the scheduler acts with every role): a refusal reveals nothing about the scenario.
        actor.Require(Roles.Analyst, "run scenarios");
        var (scenario, definition, scoreName) = await LoadAsync(request.Scenario, ct);

        var run = NewRun(scenario, request, actor, definition);
        if (!running.TryAdd(scenario.Id, 0))
        {
            return await SkipAsync(run, "the scenario was already running in this process", ct);
        }

        try
        {
            if (await OtherLiveRunAsync(scenario.Id, ct) is { } other)
            {
                return await SkipAsync(run, $"run {other.Id} of this scenario was still running (since {other.StartedAt:yyyy-MM-dd HH:mm} UTC)", ct);
            }

            return await ExecuteAsync(run, definition, scoreName, request, actor, progress, ct);
        }
        finally
        {
            running.TryRemove(scenario.Id, out _);
        }
    }

    private async Task<ScenarioRun> ExecuteAsync(ScenarioRun run, ScenarioDefinition definition, string? scoreName, StartRun request, Actor actor,
        IProgress<string>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var shift = request.ReplayedAt is { } at ? at - run.StartedAt : TimeSpan.Zero;
        DateTime Now() => time.GetUtcNow().UtcDateTime + shift;
        run.StartedAt += shift;
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ScenarioRuns.Add(run);
        await db.SaveChangesAsync(ct);
        // Renewed until the run is recorded as finished; if this process dies, any host sees the lease expire.
        await using var lease = leases.HoldScenarioRun(run.Id);
        using var trace = Telemetry.ScenarioTelemetry.Run(run, scoreName, request.ReplayedAt is not null);
        logger.LogInformation("Scenario {Scenario} run {Run} started ({Trigger})", run.ScenarioName, run.Id, run.Trigger);

        var context = new StepContext(run, scoreName, actor, time);
        foreach (var variable in request.Variables ?? [])
        {
            context.Variables[variable.Name] = variable;
        }

        var anyFailed = false;
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var (step, row) = (definition.Steps[i], run.Steps[i]);
            using var span = Telemetry.ScenarioTelemetry.Step(step, row);
            context.ClearLog();
            context.Current = [];
            string? skip;
            try
            {
                skip = await SkipReasonAsync(step, anyFailed, context, ct);
            }
            catch (Exception e) when (e is Conditions.ConditionException or CockpitValidationException)
            {
                // A condition that cannot be read (a check with no result for the run's date) fails its step in its own
                // words, and the run goes on by the run-if rules, rather than escaping and leaving the run "running".
                anyFailed = true;
                (row.Status, row.Message, row.StartedAt, row.FinishedAt) = (StepStatus.Failed, Trim(e.Message), Now(), Now());
                context.Statuses[step.Name] = "failed";
                row.Log = $"Failed: {e.Message}";
                (run.FailedStep, run.Failure) = (run.FailedStep ?? step.Name, run.Failure ?? Trim(e.Message));
                await db.SaveChangesAsync(ct);
                continue;
            }

            if (skip is not null)
            {
                (row.Status, row.Message) = (StepStatus.Skipped, skip);
                context.Statuses[step.Name] = "skipped";
                await db.SaveChangesAsync(ct);
                continue;
            }

            (row.Status, row.StartedAt) = (StepStatus.Running, Now());
            await db.SaveChangesAsync(ct);
            progress?.Report($"Step {i + 1}/{definition.Steps.Count}: {step.Name} ({step.Type})");
            var stepClock = Stopwatch.StartNew();
            try
            {
                await byType[step.Type].ExecuteAsync(step, context, ct);
                row.Status = StepStatus.Succeeded;
                context.Statuses[step.Name] = "succeeded";
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                anyFailed = true;
                (row.Status, row.Message) = (StepStatus.Failed, Trim(e.Message));
                context.Statuses[step.Name] = "failed";
                context.Log($"Failed: {e.Message}");
                (run.FailedStep, run.Failure) = (run.FailedStep ?? step.Name, run.Failure ?? Trim(e.Message));
                logger.LogWarning("Scenario {Scenario} run {Run}: step {Step} failed: {Reason}", run.ScenarioName, run.Id, step.Name, e.Message);
            }

            context.Outputs[step.Name] = context.Current;
            (row.FinishedAt, row.DurationMs) = (Now(), stepClock.ElapsedMilliseconds);
            row.Log = string.Join('\n', context.LogLines);
            row.OutputsJson = TypedValuesJson.Write(context.Current);
            run.VariablesJson = TypedValuesJson.Write(context.Variables.ToDictionary(v => v.Key, v => Conditions.Values.Of(v.Value)));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        run.Status = anyFailed ? RunStatus.Failed : RunStatus.Succeeded;
        // Counted from what the checks stored, so a check step that failed on an ERROR counts its checks too.
        run.CheckWarnings = await db.CheckResults.CountAsync(c => c.ScenarioRunId == run.Id && c.Status != Quality.CheckStatus.Ok, CancellationToken.None);
        (run.FinishedAt, run.DurationMs) = (Now(), clock.ElapsedMilliseconds);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Scenario {Scenario} run {Run} {Status} in {Duration} ms", run.ScenarioName, run.Id, run.Status, run.DurationMs);
        if (request.ReplayedAt is null)
        {
            await NotifyAsync(run, definition, ct);
        }
        return run;
    }

    private async Task<string?> SkipReasonAsync(StepDefinition step, bool anyFailed, StepContext context, CancellationToken ct)
    {
        switch (step.RunIf)
        {
            case RunIf.Never:
                return "Set to never run.";
            case RunIf.Always:
                return null;
            case RunIf.Failure:
                return anyFailed ? null : "Runs only if a step before it failed; none did.";
            case RunIf.Success or RunIf.Condition when anyFailed:
                return "A step before it failed.";
            case RunIf.Condition:
                var holds = await Conditions.ConditionEvaluator.EvaluateAsync(step.Condition ?? "", facts.For(context), ct);
                context.Log($"Condition {step.Condition}: {(holds ? "true" : "false")}");
                return holds ? null : $"Its condition was false: {step.Condition}";
            default:
                return null;
        }
    }

    private async Task NotifyAsync(ScenarioRun run, ScenarioDefinition definition, CancellationToken ct)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.RunFinishedAsync(run, definition, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A mail server that is down must not turn a good run into a failed one; it is logged for the admin.
                logger.LogError(e, "Scenario {Scenario} run {Run}: could not report the outcome: {Reason}", run.ScenarioName, run.Id, e.Message);
            }
        }
    }

    private async Task<(Scenario, ScenarioDefinition, string?)> LoadAsync(string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scenario = await ScenarioRecords.FindAsync(db, name, ct);
        var scoreName = scenario.ScoreId is { } id ? await db.Scores.Where(s => s.Id == id).Select(s => s.Name).SingleAsync(ct) : null;
        return (scenario, ScenarioJson.Read(scenario.DefinitionJson), scoreName);
    }

    private ScenarioRun NewRun(Scenario scenario, StartRun request, Actor actor, ScenarioDefinition definition)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new ScenarioRun
        {
            ScenarioId = scenario.Id,
            ScenarioName = scenario.Name,
            ScoreId = scenario.ScoreId,
            Status = RunStatus.Running,
            Trigger = request.Trigger,
            StartedBy = actor.Name,
            ScheduledFor = request.ScheduledFor,
            AsOf = request.AsOf ?? clock.DayOf(request.ScheduledFor ?? now),
            StartedAt = now,
            Owner = leases.Owner,
            LeaseExpiresAt = leases.FirstExpiry(),
            RetryOf = request.RetryOf,
            Attempt = request.Attempt,
            Steps = definition.Steps.Select((s, i) => new ScenarioStepRun { Position = i, Name = s.Name, Type = s.Type, Status = StepStatus.Pending }).ToList(),
        };
    }

    private async Task<ScenarioRun?> OtherLiveRunAsync(int scenarioId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // A run whose owner died (here or on another host) is marked interrupted now rather than blocking this one.
        var now = time.GetUtcNow().UtcDateTime;
        await InterruptedRuns.MarkAsync(db, now, ct);
        var others = await db.ScenarioRuns.AsNoTracking().Where(r => r.ScenarioId == scenarioId && r.Status == RunStatus.Running).ToListAsync(ct);
        return others.FirstOrDefault(r => !InterruptedRuns.HasExpired(r.LeaseExpiresAt, now));
    }

    private async Task<ScenarioRun> SkipAsync(ScenarioRun run, string why, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        (run.Status, run.FinishedAt, run.Failure) = (RunStatus.Skipped, run.StartedAt, $"Not run: {why}.");
        foreach (var step in run.Steps)
        {
            (step.Status, step.Message) = (StepStatus.Skipped, "The run was skipped.");
        }

        db.ScenarioRuns.Add(run);
        await db.SaveChangesAsync(ct);
        Telemetry.ScenarioTelemetry.Skipped(run);
        logger.LogWarning("Scenario {Scenario}: {Trigger} skipped: {Why}", run.ScenarioName, run.Trigger, why);
        return run;
    }

    private static string Trim(string message) => message.Length > 4000 ? message[..4000] : message;
}

/// <summary>Hears of every finished run, and of runs still going at each scheduler tick (mail alerts).</summary>
public interface IRunObserver
{
    Task RunFinishedAsync(ScenarioRun run, ScenarioDefinition definition, CancellationToken ct);

    Task RunStillRunningAsync(ScenarioRun run, ScenarioDefinition definition, CancellationToken ct);
}
