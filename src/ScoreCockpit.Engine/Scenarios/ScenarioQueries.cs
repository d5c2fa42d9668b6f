using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Scenarios.Triggers;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios;

public sealed record ScenarioSummary(
    string Name, string? Score, string Description, bool Enabled, int Steps, IReadOnlyList<string> Triggers, string CatchUp,
    DateTime? NextFireAt, RunStatus? LastStatus, DateTime? LastStartedAt, long? LastDurationMs, long? LastRunId);

public sealed record ScenarioDetail(ScenarioSummary Summary, string DefinitionJson, ScenarioDefinition Definition,
    IReadOnlyList<(DateTimeOffset At, string Trigger)> NextFires, DateTime UpdatedAt, string UpdatedBy);

/// <summary>The scenarios as the pages and the command line list them.</summary>
public sealed class ScenarioQueries(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<ScenarioSummary>> ListAsync(string? score = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scores = await db.Scores.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var scenarios = await db.Scenarios.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var lastIds = await db.ScenarioRuns.AsNoTracking().GroupBy(r => r.ScenarioId).Select(g => g.Max(r => r.Id)).ToListAsync(ct);
        var last = await db.ScenarioRuns.AsNoTracking().Where(r => lastIds.Contains(r.Id)).ToDictionaryAsync(r => r.ScenarioId, ct);
        return scenarios
            .Where(s => score is null || s.ScoreId is { } id && scores.GetValueOrDefault(id) == score)
            .Select(s => Summary(s, s.ScoreId is { } id ? scores.GetValueOrDefault(id) : null, last.GetValueOrDefault(s.Id)))
            .ToList();
    }

    public async Task<ScenarioDetail> GetAsync(string name, int fires = 10, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scenario = await ScenarioRecords.FindAsync(db, name, ct);
        var score = scenario.ScoreId is { } id ? await db.Scores.Where(s => s.Id == id).Select(s => s.Name).SingleAsync(ct) : null;
        var last = await db.ScenarioRuns.AsNoTracking().Where(r => r.ScenarioId == scenario.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var definition = ScenarioJson.Read(scenario.DefinitionJson);
        var next = ScenarioSchedule.NextFires(definition, time.GetUtcNow(), fires).Select(f => (f.At, TriggerSchedule.Describe(f.Trigger))).ToList();
        return new ScenarioDetail(Summary(scenario, score, last), scenario.DefinitionJson, definition, next, scenario.UpdatedAt, scenario.UpdatedBy);
    }

    public async Task DeleteAsync(string name, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "delete scenarios");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scenario = await ScenarioRecords.FindAsync(db, name, ct);
        if (await db.ScenarioRuns.AnyAsync(r => r.ScenarioId == scenario.Id && r.Status == RunStatus.Running, ct))
        {
            throw new CockpitValidationException($"{name} is running: wait for the run to finish, then delete it.");
        }

        db.Scenarios.Remove(scenario);
        audit.Add(db, actor.Name, AuditActions.ScenarioDeleted, name, "deleted with its run history");
        await db.SaveChangesAsync(ct);
    }

    private static ScenarioSummary Summary(Scenario s, string? score, ScenarioRun? last)
    {
        ScenarioDefinition? definition = null;
        try
        {
            definition = ScenarioJson.Read(s.DefinitionJson);
        }
        catch (CockpitValidationException)
        {
            // Listed anyway, so it can be opened and fixed.
        }

        return new ScenarioSummary(
            s.Name, score, s.Description, s.Enabled, definition?.Steps.Count ?? 0,
            definition?.Triggers.Select(TriggerSchedule.Describe).ToList() ?? ["(definition unreadable)"],
            (definition?.CatchUp ?? CatchUpPolicy.Latest).ToString().ToLowerInvariant(),
            s.Enabled ? s.NextFireAt : null, last?.Status, last?.StartedAt, last?.DurationMs, last?.Id);
    }
}
