using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// A run still marked running whose lease has expired is marked interrupted, by whichever host sees it first (at
/// start-up, at each scheduler tick, before a scenario starts): its owner stopped renewing, so it is gone. A scoring
/// run never swapped its output in, so the previous scores are still there.
/// </summary>
public static class InterruptedRuns
{
    /// <summary>True when a running run's lease has passed (a run without one predates leases: its process is gone).</summary>
    public static bool HasExpired(DateTime? leaseExpiresAt, DateTime now) => leaseExpiresAt is not { } until || until <= now;

    public static async Task<int> MarkAsync(CockpitDbContext db, DateTime now, CancellationToken ct)
    {
        // The lease test runs in the store, so a host reads only the dead runs, not every running one.
        var dead = await db.ScoringRuns
            .Where(r => r.Status == ScoringStatus.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt <= now)).ToListAsync(ct);
        foreach (var run in dead)
        {
            run.Status = ScoringStatus.Interrupted;
            run.FinishedAt = now;
            run.LeaseExpiresAt = null;
            run.Failure = "The process stopped while this run was in progress; the output table kept the previous scores.";
        }

        var scenarioRuns = await Scenarios.Running.InterruptedScenarioRuns.MarkAsync(db, now, ct);
        var units = await db.UnitRuns.Where(r => r.Status == Units.UnitRunStatus.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt <= now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, Units.UnitRunStatus.Interrupted)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.LeaseExpiresAt, (DateTime?)null)
                .SetProperty(r => r.Failure, "Neither the unit's process nor the one that dispatched it renewed its lease: both stopped."), ct);
        await db.SaveChangesAsync(ct);
        return dead.Count + scenarioRuns + units;
    }
}
