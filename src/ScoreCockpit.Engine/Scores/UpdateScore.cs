using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

/// <summary>Replaces a score's definition; its name stays (a copy is how a score gets a new name).</summary>
public sealed record UpdateScore(string Name, ScoreDefinition Definition);

public sealed class UpdateScoreHandler(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<ScoreDefinition> HandleAsync(UpdateScore request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "edit scores");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Name, ct);
        var stored = ScoreRecords.Definition(score);
        // Kinds the engine decided since the person opened the definition are kept: the edit did not see them, so it
        // cannot mean to drop them. Kinds the incoming definition names win.
        var decided = stored.DecidedKinds.Where(k => !request.Definition.DecidedKinds.ContainsKey(k.Key)).Concat(request.Definition.DecidedKinds)
            .OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary();
        var definition = await ScoreRecords.ValidateAsync(db, request.Definition with { Name = score.Name, DecidedKinds = decided }, ct);
        var before = stored.ThinDates;
        ScoreRecords.Apply(score, definition, actor.Name, time.GetUtcNow().UtcDateTime);
        audit.Add(db, actor.Name, AuditActions.ScoreUpdated, score.Name);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (before != definition.ThinDates)
        {
            await Evaluation.ThinDates.ReflagAsync(db, score.Id, definition.ThinDates, ct);
        }

        await transaction.CommitAsync(ct);
        return definition;
    }
}
