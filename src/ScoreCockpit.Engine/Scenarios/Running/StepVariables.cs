using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scenarios.Running;

/// <summary>The variables a step's SQL sees: global, the score's, the run's, and the built-ins of <c>${date_ref}</c>.</summary>
public sealed record ResolvedVariables(DateOnly Date, ScoreDefinition? Score, IReadOnlyDictionary<string, Variable> Variables);

public static class StepVariables
{
    public static async Task<ResolvedVariables> ResolveAsync(
        IDbContextFactory<CockpitDbContext> contexts, string? scoreName, StepContext context, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = scoreName is null ? null : ScoreRecords.Definition(await ScoreRecords.FindAsync(db, scoreName, ct));
        var globals = await db.Variables.AsNoTracking().Select(v => v.ToVariable()).ToListAsync(ct);
        var date = context.Date(null);
        return new ResolvedVariables(date, score, BuiltInVariables.Resolve(globals, score?.Variables.Select(v => v.ToVariable()) ?? [],
            context.RunVariables(), BuiltInVariables.For(date, score?.Horizon ?? LabelHorizon.Months(0))));
    }
}
