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
        var definition = await ScoreRecords.ValidateAsync(db, request.Definition with { Name = score.Name }, ct);
        ScoreRecords.Apply(score, definition, actor.Name, time.GetUtcNow().UtcDateTime);
        audit.Add(db, actor.Name, AuditActions.ScoreUpdated, score.Name);
        await db.SaveChangesAsync(ct);
        return definition;
    }
}
