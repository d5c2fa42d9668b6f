using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios.Scheduling;

/// <summary>
/// Scheduled runs that were interrupted (their owner stopped renewing, on whichever host) and deserve another
/// attempt: a monthly retrain lost to a restarted node should not wait a month. Read from the store, so it does not
/// matter which host marked the run. Units are idempotent, so the retry redoes only what the first attempt left.
/// </summary>
public static class InterruptedRunRetries
{
    /// <summary>Older interruptions are left to people: the data may have moved on since.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(1);

    public static async Task<IReadOnlyList<StartRun>> DueAsync(CockpitDbContext db, int retries, DateTime now, CancellationToken ct)
    {
        if (retries == 0)
        {
            return [];
        }

        var since = now - Window;
        var candidates = await db.ScenarioRuns.AsNoTracking()
            .Where(r => r.Status == RunStatus.Interrupted && r.ScheduledFor != null && r.FinishedAt >= since && r.Attempt <= retries)
            // Not already retried, and not overtaken by a later run of the same scenario.
            .Where(r => !db.ScenarioRuns.Any(o => o.RetryOf == r.Id))
            .Where(r => !db.ScenarioRuns.Any(o => o.ScenarioId == r.ScenarioId && o.Id > r.Id && o.Status != RunStatus.Skipped))
            .Where(r => db.Scenarios.Any(s => s.Id == r.ScenarioId && s.Enabled))
            .OrderBy(r => r.Id).ToListAsync(ct);
        return candidates.Select(r => new StartRun(r.ScenarioName,
            $"retry {r.Attempt} of run {r.Id}, interrupted{(r.FailedStep is null ? "" : $" in step '{r.FailedStep}'")}",
            r.ScheduledFor, r.AsOf, RetryOf: r.Id, Attempt: r.Attempt + 1)).ToList();
    }
}
