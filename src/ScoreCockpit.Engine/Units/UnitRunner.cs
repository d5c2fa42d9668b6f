using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units;

/// <summary>
/// Runs one unit in this process: what `scorecockpit unit run` does, and the in-process executor. With a record
/// (<see cref="UnitOfWork.RunId"/>), it takes the record's lease, renews it while working, and stores the outcome.
/// A failure is a result with its reason, never an exception, so the caller (or the parent process) can say it.
/// </summary>
public sealed class UnitRunner(IDbContextFactory<CockpitDbContext> contexts, UnitWork work, RunLeases leases, TimeProvider time, ILogger<UnitRunner> logger)
{
    public async Task<UnitResult> RunAsync(UnitOfWork unit, Actor actor, Action<string> log, CancellationToken ct)
    {
        actor.Require(Roles.Analyst, "run units of work");
        var clock = Stopwatch.StartNew();
        if (unit.RunId is { } id)
        {
            await TakeOverAsync(id, ct);
        }

        await using var lease = unit.RunId is { } held ? leases.HoldUnitRun(held) : null;
        var outputs = new UnitOutputs();
        UnitResult result;
        try
        {
            var message = await work.DoAsync(unit, actor, outputs, log, ct);
            result = new UnitResult(unit.Kind.Name(), unit.Score, UnitStatus.Succeeded, message, outputs.Values, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Unit {Unit} failed: {Reason}", unit.Describe(), e.Message);
            result = UnitResult.Failed(unit, e.Message, clock.Elapsed.TotalSeconds);
        }

        if (unit.RunId is { } done)
        {
            await UnitRecords.FinishAsync(contexts, done, result, time.GetUtcNow().UtcDateTime, CancellationToken.None);
        }

        return result;
    }

    /// <summary>The unit's own process now answers for it: its owner, for people, is this one.</summary>
    private async Task TakeOverAsync(long id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var until = leases.FirstExpiry();
        var owner = leases.Owner;
        var taken = await db.UnitRuns.Where(r => r.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Owner, owner).SetProperty(r => r.LeaseExpiresAt, until).SetProperty(r => r.Status, UnitRunStatus.Running), ct);
        if (taken == 0)
        {
            throw new CockpitValidationException($"Unit run {id} is not in the cockpit store: leave out --unit-run to run the unit by hand.");
        }
    }
}
