using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>Delete the artifacts of versions trained up to a date. A dry run lists what would go.</summary>
public sealed record PurgeVersions(string Score, DateOnly TrainedUpTo, bool DryRun = true);

public sealed record PurgePlan(IReadOnlyList<int> Purged, IReadOnlyList<(int Version, string Reason)> Kept);

/// <summary>
/// Never touches the active version nor the previously active one (rollback stays one click away);
/// metadata and evaluations stay, so history charts keep every version.
/// </summary>
public sealed class PurgeVersionsHandler(IDbContextFactory<CockpitDbContext> contexts, ArtifactStore artifacts, AuditLog audit, TimeProvider time)
{
    public async Task<PurgePlan> HandleAsync(PurgeVersions request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "purge model versions");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Score, ct);
        var (current, previous) = await ActiveVersions.CurrentAndPreviousAsync(db, score.Id, ct);
        var candidates = await db.ModelVersions.Where(v => v.ScoreId == score.Id && v.PurgedAt == null && v.AsOfDate <= request.TrainedUpTo)
            .OrderBy(v => v.Number).ToListAsync(ct);

        var kept = new List<(int, string)>();
        var purged = new List<ModelVersion>();
        foreach (var version in candidates)
        {
            if (version.Id == current)
            {
                kept.Add((version.Number, "active"));
            }
            else if (version.Id == previous)
            {
                kept.Add((version.Number, "previously active: kept for rollback"));
            }
            else
            {
                purged.Add(version);
            }
        }

        var plan = new PurgePlan(purged.Select(v => v.Number).ToList(), kept);
        if (request.DryRun || purged.Count == 0)
        {
            return plan;
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var version in purged)
        {
            version.PurgedAt = now;
        }

        audit.Add(db, actor.Name, AuditActions.VersionsPurged, score.Name,
            $"up to {request.TrainedUpTo:yyyy-MM-dd}: v{string.Join(", v", plan.Purged)}");
        await db.SaveChangesAsync(ct);

        // Files go after the store says so: a crash in between leaves an orphan file, never a version without its model.
        var stillUsed = await db.ModelVersions.AsNoTracking().Where(v => v.PurgedAt == null).Select(v => v.ArtifactSha256).ToListAsync(ct);
        foreach (var gone in purged.Where(v => !stillUsed.Contains(v.ArtifactSha256)).DistinctBy(v => v.ArtifactSha256))
        {
            artifacts.Delete(gone.ArtifactSha256);
            // The plan is read from the model: it goes with it.
            if (gone.PlanSha256 is { } planSha)
            {
                artifacts.Delete(planSha, ArtifactKind.Plan);
            }
        }

        return plan;
    }
}
