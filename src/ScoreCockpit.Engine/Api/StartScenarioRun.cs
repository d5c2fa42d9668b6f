using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Api;

/// <param name="Scenario">The scenario's name, or its number.</param>
public sealed record StartScenarioRun(string Scenario, DateOnly? AsOf = null);

/// <summary>
/// Starts a scenario for another tool and answers with the run's number at once, while the run goes on in the
/// background: the caller follows it by that number. The run is the same as the portal's Run now.
/// </summary>
public sealed class StartScenarioRunHandler(
    IDbContextFactory<CockpitDbContext> contexts, ScenarioRunner runner, TimeProvider time, ILogger<StartScenarioRunHandler> logger) : IDisposable
{
    /// <summary>How the run names what started it; the portal translates it.</summary>
    public const string Trigger = "manual (API)";

    private static readonly TimeSpan WaitForRecord = TimeSpan.FromSeconds(30);

    // Starts are taken one at a time, so each finds its own run record, never a neighbour's.
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public async Task<long> HandleAsync(StartScenarioRun request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "run scenarios");
        var (scenarioId, name) = await ResolveAsync(request.Scenario, ct);

        await oneAtATime.WaitAsync(ct);
        try
        {
            var before = await LastRunIdAsync(scenarioId, actor.Name, ct);
            var start = new StartRun(name, Trigger, AsOf: request.AsOf);
            // Not tied to the request: a run is durable and finishes on its own after the answer has gone.
            var run = Task.Run(() => runner.RunAsync(start, actor, CancellationToken.None), CancellationToken.None);
            _ = run.ContinueWith(t => logger.LogError(t.Exception, "Scenario {Scenario} started through the API failed to run: {Reason}",
                name, t.Exception?.GetBaseException().Message), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return await RunIdAsync(run, scenarioId, actor.Name, before, ct);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    public void Dispose() => oneAtATime.Dispose();

    private async Task<long> RunIdAsync(Task<ScenarioRun> run, int scenarioId, string startedBy, long before, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + WaitForRecord;
        while (true)
        {
            if (run.IsCompleted)
            {
                // A run that ended (or was skipped) before being seen answers for itself; a failure to start is the caller's error.
                return (await run).Id;
            }

            if (await LastRunIdAsync(scenarioId, startedBy, ct) is var last && last > before)
            {
                return last;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The run of scenario {scenarioId} did not appear in the store within {WaitForRecord.TotalSeconds} s.");
            }

            await Task.WhenAny(run, Task.Delay(TimeSpan.FromMilliseconds(25), time, ct));
        }
    }

    private async Task<long> LastRunIdAsync(int scenarioId, string startedBy, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ScenarioRuns.AsNoTracking().Where(r => r.ScenarioId == scenarioId && r.StartedBy == startedBy && r.Trigger == Trigger)
            .MaxAsync(r => (long?)r.Id, ct) ?? 0;
    }

    private async Task<(int Id, string Name)> ResolveAsync(string scenario, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var byName = await db.Scenarios.AsNoTracking().Where(s => s.Name == scenario).Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync(ct);
        if (byName is not null)
        {
            return (byName.Id, byName.Name);
        }

        if (int.TryParse(scenario, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await db.Scenarios.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(ct) is { } name)
        {
            return (id, name);
        }

        // Its message lists the scenarios that exist.
        var missing = await ScenarioRecords.FindAsync(db, scenario, ct);
        return (missing.Id, missing.Name);
    }
}
