using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios;

/// <summary>Create or replace a scenario. Every mistake in it is reported now, not when it runs.</summary>
public sealed record SaveScenario(string Name, string? Score, string DefinitionJson, string Description = "", bool Enabled = true);

public sealed class SaveScenarioHandler(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<Scenario> HandleAsync(SaveScenario request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "save scenarios");
        var name = ScenarioNames.Validate(request.Name);
        var definition = ScenarioJson.Read(request.DefinitionJson);
        await using var db = await contexts.CreateDbContextAsync(ct);
        int? scoreId = null;
        Score? score = null;
        if (!string.IsNullOrWhiteSpace(request.Score))
        {
            score = await ScoreRecords.FindAsync(db, request.Score.Trim(), ct);
            scoreId = score.Id;
        }

        var scope = await ScopeAsync(db, score, ct);
        ScenarioValidator.ThrowIfInvalid(definition, scope);

        var now = time.GetUtcNow();
        var scenario = await db.Scenarios.SingleOrDefaultAsync(s => s.Name == name, ct);
        var created = scenario is null;
        var oldTriggers = scenario is null ? null : ScenarioJson.Read(scenario.DefinitionJson).Triggers;
        scenario ??= db.Scenarios.Add(new Scenario
        {
            Name = name,
            DefinitionJson = "",
            CreatedAt = now.UtcDateTime,
            CreatedBy = actor.Name,
            UpdatedBy = actor.Name,
            ScheduledThrough = now.UtcDateTime,
        }).Entity;
        scenario.ScoreId = scoreId;
        scenario.Description = request.Description.Trim();
        scenario.Enabled = request.Enabled;
        scenario.DefinitionJson = ScenarioJson.Write(definition);
        (scenario.UpdatedAt, scenario.UpdatedBy) = (now.UtcDateTime, actor.Name);
        if (oldTriggers is not null && !oldTriggers.SequenceEqual(definition.Triggers))
        {
            // New triggers start from now: their "missed" fire times before the change never were due.
            scenario.ScheduledThrough = now.UtcDateTime;
        }

        scenario.NextFireAt = ScenarioSchedule.NextFire(definition, now)?.UtcDateTime;
        audit.Add(db, actor.Name, AuditActions.ScenarioSaved, name, created ? "created" : "updated");
        await db.SaveChangesAsync(ct);
        return scenario;
    }

    /// <summary>Checks a definition without saving it (the editor's "Check" button).</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string? scoreName, string definitionJson, CancellationToken ct = default)
    {
        ScenarioDefinition definition;
        try
        {
            definition = ScenarioJson.Read(definitionJson);
        }
        catch (CockpitValidationException e)
        {
            return [e.Message];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = string.IsNullOrWhiteSpace(scoreName) ? null : await db.Scores.AsNoTracking().SingleOrDefaultAsync(s => s.Name == scoreName, ct);
        if (!string.IsNullOrWhiteSpace(scoreName) && score is null)
        {
            return [$"There is no score named '{scoreName}'."];
        }

        return ScenarioValidator.Validate(definition, await ScopeAsync(db, score, ct));
    }

    private static async Task<ValidationScope> ScopeAsync(CockpitDbContext db, Score? score, CancellationToken ct)
    {
        var scores = (await db.Scores.AsNoTracking().Select(s => s.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var variables = (await db.Variables.AsNoTracking().ToListAsync(ct)).ToDictionary(v => v.Name, v => v.Type);
        if (score is not null)
        {
            foreach (var v in ScoreRecords.Definition(score).Variables)
            {
                variables[v.Name] = v.Type;
            }
        }

        return new ValidationScope(score?.Name, scores, variables);
    }
}
