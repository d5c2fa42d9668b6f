using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

public sealed record ActivationRecord(int VersionNumber, DateTime ActivatedAt, string ActivatedBy, string Comment);

/// <summary>Which version scores customers now, which did on a past date, and the whole history.</summary>
public sealed class ActiveVersions(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<IReadOnlyList<ActivationRecord>> HistoryAsync(string scoreName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        var rows = await db.Activations.AsNoTracking().Where(a => a.ScoreId == score.Id)
            .Join(db.ModelVersions, a => a.VersionId, v => v.Id, (a, v) => new { a.Id, v.Number, a.ActivatedAt, a.ActivatedBy, a.Comment })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.ActivatedAt).ThenByDescending(r => r.Id)
            .Select(r => new ActivationRecord(r.Number, r.ActivatedAt, r.ActivatedBy, r.Comment)).ToList();
    }

    /// <summary>The version active at that instant (UTC), or null when none had been activated yet.</summary>
    public async Task<int?> OnAsync(string scoreName, DateTime instantUtc, CancellationToken ct = default)
    {
        var history = await HistoryAsync(scoreName, ct);
        return history.FirstOrDefault(a => a.ActivatedAt <= instantUtc)?.VersionNumber;
    }

    internal static async Task<ModelVersion?> CurrentAsync(CockpitDbContext db, int scoreId, CancellationToken ct)
    {
        var latest = await db.Activations.AsNoTracking().Where(a => a.ScoreId == scoreId)
            .OrderByDescending(a => a.ActivatedAt).ThenByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        return latest is null ? null : await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Id == latest.VersionId, ct);
    }

    /// <summary>Versions that were ever active, for purges: they are kept so a rollback stays possible.</summary>
    internal static async Task<(long? Current, long? Previous)> CurrentAndPreviousAsync(CockpitDbContext db, int scoreId, CancellationToken ct)
    {
        var ids = await db.Activations.AsNoTracking().Where(a => a.ScoreId == scoreId)
            .OrderByDescending(a => a.ActivatedAt).ThenByDescending(a => a.Id).Select(a => a.VersionId).ToListAsync(ct);
        var current = ids.Count > 0 ? ids[0] : (long?)null;
        var previous = ids.Where(id => id != current).Select(id => (long?)id).FirstOrDefault();
        return (current, previous);
    }
}
