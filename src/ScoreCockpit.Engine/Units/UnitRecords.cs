using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units;

/// <summary>Unit runs in the cockpit store: one record per attempt, opened by the dispatcher, closed with the result.</summary>
public static class UnitRecords
{
    public static async Task<long> OpenAsync(CockpitDbContext db, UnitOfWork unit, string executor, int attempt, long? scenarioRunId, string startedBy,
        string owner, DateTime now, DateTime leaseUntil, CancellationToken ct)
    {
        var score = await ScoreRecords.FindAsync(db, unit.Score, ct);
        var run = new UnitRun
        {
            ScoreId = score.Id,
            Kind = unit.Kind.Name(),
            Description = Trim(unit.Describe(), 512),
            ArgumentsJson = JsonSerializer.Serialize(unit.ToArguments()),
            Executor = executor,
            Attempt = attempt,
            Status = UnitRunStatus.Running,
            ScenarioRunId = scenarioRunId,
            StartedBy = Trim(startedBy, 256),
            Owner = owner,
            LeaseExpiresAt = leaseUntil,
            StartedAt = now,
        };
        db.UnitRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    public static async Task FinishAsync(IDbContextFactory<CockpitDbContext> contexts, long id, UnitResult result, DateTime now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var status = result.Status switch
        {
            UnitStatus.Succeeded => UnitRunStatus.Succeeded,
            UnitStatus.Interrupted => UnitRunStatus.Interrupted,
            _ => UnitRunStatus.Failed,
        };
        var run = await db.UnitRuns.SingleAsync(r => r.Id == id, ct);
        run.Status = status;
        run.FinishedAt = now;
        run.DurationMs = (long)Math.Max(0, (now - run.StartedAt).TotalMilliseconds);
        run.LeaseExpiresAt = null;
        run.ResultJson = result.ToLine();
        run.Failure = result.Succeeded ? null : Trim(result.Message, 4000);
        run.Place = result.Where is null ? run.Place : Trim(result.Where, 256);
        await db.SaveChangesAsync(ct);
    }

    private static string Trim(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
