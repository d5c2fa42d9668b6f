using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>
/// A score's stored evaluations, kept in memory between reads. The score page reads them several times per view and
/// every person reading the same score shares them, while a read of all the rows (curves and deciles included) costs
/// far more than the figures shown. Each read first takes a stamp of the score's rows, one aggregate query, so any
/// evaluation added, recomputed, removed or re-marked thin — by this process, the command line or a unit elsewhere —
/// makes the next read load them again: a reader never sees a stale figure.
/// </summary>
public sealed class EvaluationRowsCache
{
    private readonly ConcurrentDictionary<int, Entry> _byScore = new();

    public async Task<IReadOnlyList<EvaluationView>> RowsAsync(CockpitDbContext db, int scoreId, CancellationToken ct)
    {
        var stamp = await StampAsync(db, scoreId, ct);
        if (_byScore.TryGetValue(scoreId, out var cached) && cached.Stamp == stamp)
        {
            return cached.Rows;
        }

        var rows = await db.Evaluations.AsNoTracking().Where(e => e.ScoreId == scoreId)
            .Join(db.ModelVersions, e => e.VersionId, v => v.Id, (e, v) => new { e, v.Number, v.ChallengerName, v.AsOfDate })
            .ToListAsync(ct);
        var views = rows.Select(r => new EvaluationView(r.Number, r.ChallengerName, r.AsOfDate, r.e)).ToList();
        _byScore[scoreId] = new Entry(stamp, views);
        return views;
    }

    /// <summary>
    /// Rows are only ever inserted (new ids), deleted, or updated in place for their thin flag; the count, the last id and
    /// the thin rows' count and id sum change with each of those.
    /// </summary>
    private static async Task<Stamp> StampAsync(CockpitDbContext db, int scoreId, CancellationToken ct) =>
        await db.Evaluations.Where(e => e.ScoreId == scoreId).GroupBy(e => e.ScoreId)
            .Select(g => new Stamp(g.Count(), g.Max(e => e.Id), g.Count(e => e.Thin), g.Sum(e => e.Thin ? e.Id : 0)))
            .FirstOrDefaultAsync(ct) ?? new Stamp(0, 0, 0, 0);

    private sealed record Stamp(int Count, long LastId, int ThinCount, long ThinIds);

    private sealed record Entry(Stamp Stamp, IReadOnlyList<EvaluationView> Rows);
}
