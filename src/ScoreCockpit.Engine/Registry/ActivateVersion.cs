using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>
/// Make a version the one that scores customers. Only a person does this, with a reason. A backfill replaying
/// past decisions sets <paramref name="ReplayedAt"/>: the history then says when it took effect, the audit log
/// when it was recorded.
/// </summary>
public sealed record ActivateVersion(string Score, int VersionNumber, string Comment, DateTime? ReplayedAt = null);

public sealed class ActivateVersionHandler(IDbContextFactory<CockpitDbContext> contexts, ArtifactStore artifacts, AuditLog audit, TimeProvider time)
{
    public async Task<Activation> HandleAsync(ActivateVersion request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "activate model versions");
        var comment = request.Comment?.Trim() ?? "";
        if (comment.Length < 3)
        {
            throw new CockpitValidationException("Say why this version should score customers: a comment is required.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Score, ct);
        var version = await db.ModelVersions.SingleOrDefaultAsync(v => v.ScoreId == score.Id && v.Number == request.VersionNumber, ct)
            ?? throw new CockpitValidationException($"{score.Name} has no version {request.VersionNumber}.");
        if (version.PurgedAt is not null || !artifacts.Exists(version.ArtifactSha256))
        {
            throw new CockpitValidationException(
                $"Version {version.Number} of {score.Name} was purged: its model is gone and it cannot score customers.");
        }

        var current = await ActiveVersions.CurrentAsync(db, score.Id, ct);
        if (current?.Id == version.Id)
        {
            throw new CockpitValidationException($"Version {version.Number} is already the active version of {score.Name}.");
        }

        var activation = new Activation
        {
            ScoreId = score.Id,
            VersionId = version.Id,
            ActivatedAt = request.ReplayedAt ?? time.GetUtcNow().UtcDateTime,
            ActivatedBy = actor.Name,
            Comment = comment.Length > 2000 ? comment[..2000] : comment,
        };
        db.Activations.Add(activation);
        audit.Add(db, actor.Name, AuditActions.VersionActivated, score.Name,
            $"v{version.Number} (was {(current is null ? "none" : $"v{current.Number}")}){(request.ReplayedAt is { } at ? $", replayed as of {at:yyyy-MM-dd HH:mm} UTC" : "")}: {activation.Comment}");
        await db.SaveChangesAsync(ct);
        return activation;
    }
}
