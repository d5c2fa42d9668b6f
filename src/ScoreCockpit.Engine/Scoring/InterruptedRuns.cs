using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// At start-up, a run still marked running whose process on this machine is gone is marked interrupted: it never
/// swapped its output in, so the previous scores are still there.
/// </summary>
public static class InterruptedRuns
{
    public static string ThisProcess => $"{Environment.MachineName}:{Environment.ProcessId}";

    public static async Task<int> MarkAsync(CockpitDbContext db, DateTime now, CancellationToken ct)
    {
        var running = await db.ScoringRuns.Where(r => r.Status == ScoringStatus.Running).ToListAsync(ct);
        var dead = running.Where(r => IsGone(r.Owner)).ToList();
        foreach (var run in dead)
        {
            run.Status = ScoringStatus.Interrupted;
            run.FinishedAt = now;
            run.Failure = "The process stopped while this run was in progress; the output table kept the previous scores.";
        }

        var scenarioRuns = await Scenarios.Running.InterruptedScenarioRuns.MarkAsync(db, now, ct);
        await db.SaveChangesAsync(ct);
        return dead.Count + scenarioRuns;
    }

    /// <summary>True when the owner is a process of this machine that no longer runs.</summary>
    public static bool IsGone(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 2 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid))
        {
            // Another machine's run: only that machine can tell.
            return false;
        }

        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
