using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios.Running;

/// <summary>
/// A scenario run still marked running whose lease has expired is marked interrupted, with the step it was in.
/// Each step's own output rules hold: a scoring step that had not swapped left the previous scores in place.
/// </summary>
public static class InterruptedScenarioRuns
{
    public static async Task<int> MarkAsync(CockpitDbContext db, DateTime now, CancellationToken ct)
    {
        var dead = await db.ScenarioRuns.Include(r => r.Steps)
            .Where(r => r.Status == RunStatus.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt <= now)).ToListAsync(ct);
        foreach (var run in dead)
        {
            var step = run.Steps.Where(s => s.Status == StepStatus.Running).MinBy(s => s.Position);
            run.Status = RunStatus.Interrupted;
            run.FinishedAt = now;
            run.LeaseExpiresAt = null;
            run.DurationMs = (long)(now - run.StartedAt).TotalMilliseconds;
            run.FailedStep = step?.Name;
            run.Failure = step is null
                ? "The process stopped during this run."
                : $"The process stopped during step '{step.Name}'; that step's output was left as its own rules say (a scoring run keeps the previous scores, a snapshot the previous table).";
            foreach (var s in run.Steps.Where(s => s.Status is StepStatus.Running or StepStatus.Pending))
            {
                s.Status = s.Status == StepStatus.Running ? StepStatus.Interrupted : StepStatus.Skipped;
                s.Message = s.Status == StepStatus.Interrupted ? "The process stopped during this step." : "Not reached: the run was interrupted.";
                s.FinishedAt ??= s.Status == StepStatus.Interrupted ? now : null;
            }
        }

        return dead.Count;
    }
}
