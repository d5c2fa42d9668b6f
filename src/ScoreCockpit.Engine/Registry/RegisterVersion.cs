using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>
/// Stores a freshly trained model: the artifact first (content-addressed), then its metadata with the
/// next version number. The scoring plan, when the caller derived it, is already on the version; without one it is
/// derived on first use. Never activates anything.
/// </summary>
public sealed class RegisterVersionHandler(IDbContextFactory<CockpitDbContext> contexts, ArtifactStore artifacts, AuditLog audit, TimeProvider time)
{
    public async Task<ModelVersion> HandleAsync(ModelVersion version, byte[] artifact, string trainedBy, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scoreName = await db.Scores.AsNoTracking().Where(s => s.Id == version.ScoreId).Select(s => s.Name).SingleAsync(ct);
        var (sha, bytes) = await artifacts.PutAsync(artifact, ct);
        var last = await db.ModelVersions.Where(v => v.ScoreId == version.ScoreId).MaxAsync(v => (int?)v.Number, ct) ?? 0;
        version.Number = last + 1;
        version.ArtifactSha256 = sha;
        version.ArtifactBytes = bytes;
        version.TrainedAt = time.GetUtcNow().UtcDateTime;
        version.TrainedBy = trainedBy;
        db.ModelVersions.Add(version);
        audit.Add(db, trainedBy, AuditActions.VersionTrained, scoreName,
            $"v{version.Number} as of {version.AsOfDate:yyyy-MM-dd}, {version.Algorithm}{(version.IsChallenger ? $" (challenger {version.ChallengerName})" : "")}");
        await db.SaveChangesAsync(ct);
        return version;
    }
}
