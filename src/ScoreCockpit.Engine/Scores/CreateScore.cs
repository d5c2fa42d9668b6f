using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

public sealed record CreateScore(string Name, string? Description);

/// <summary>Registers a new score. Analysts only.</summary>
public sealed class CreateScoreHandler(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<Score> HandleAsync(CreateScore request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "create scores");
        var name = ScoreName.Validate(request.Name);

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Scores.AnyAsync(s => s.Name == name, ct))
        {
            throw new CockpitValidationException($"A score named '{name}' already exists. Choose another name.");
        }

        var score = new Score
        {
            Name = name,
            Description = request.Description?.Trim() ?? "",
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = actor.Name,
        };
        db.Scores.Add(score);
        audit.Add(db, actor.Name, AuditActions.ScoreCreated, name);
        await db.SaveChangesAsync(ct);
        return score;
    }
}
