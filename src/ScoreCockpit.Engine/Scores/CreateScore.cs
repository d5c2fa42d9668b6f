using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

/// <param name="Tried">False when the person saved although trying the dataprep failed: the audit entry says "not tried".</param>
public sealed record CreateScore(ScoreDefinition Definition, bool Tried = true);

/// <summary>Registers a new score, or a copy of one ("new score from this one"). Analysts only.</summary>
public sealed class CreateScoreHandler(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<Score> HandleAsync(CreateScore request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "create scores");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var definition = await ScoreRecords.ValidateAsync(db, request.Definition, ct);
        if (await db.Scores.AnyAsync(s => s.Name == definition.Name, ct))
        {
            throw new CockpitValidationException($"A score named '{definition.Name}' already exists. Choose another name.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var score = new Score
        {
            Name = definition.Name,
            DefinitionJson = "",
            CreatedAt = now,
            CreatedBy = actor.Name,
            UpdatedBy = actor.Name,
        };
        ScoreRecords.Apply(score, definition, actor.Name, now);
        db.Scores.Add(score);
        audit.Add(db, actor.Name, AuditActions.ScoreCreated, definition.Name,
            request.Tried ? null : "not tried: saved although trying its dataprep failed");
        await db.SaveChangesAsync(ct);
        return score;
    }
}
