using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Portfolio;

/// <summary>
/// Every score's health figures, aggregated by the store: a handful of grouped queries whose results have one row
/// per score (or per score and version on one date), whatever the length of the evaluation history.
/// </summary>
internal static class PortfolioFacts
{
    private sealed record Current(int ScoreId, long VersionId, int Number, DateTime ActivatedAt);

    private sealed record OotDates(long VersionId, DateOnly First, DateOnly Latest);

    public static async Task<List<ScoreHealthRow>> LoadAsync(CockpitDbContext db, CancellationToken ct)
    {
        // Archived scores are filed away: reachable by their address, not watched.
        var scores = await db.Scores.AsNoTracking().Where(s => s.ArchivedAt == null).OrderBy(s => s.Name).ToListAsync(ct);

        // The latest activation of each score, by time then id, as ActiveVersions.CurrentAsync reads it.
        var current = await db.Activations.AsNoTracking()
            .Where(a => !db.Activations.Any(b => b.ScoreId == a.ScoreId && (b.ActivatedAt > a.ActivatedAt || (b.ActivatedAt == a.ActivatedAt && b.Id > a.Id))))
            .Join(db.ModelVersions, a => a.VersionId, v => v.Id, (a, v) => new Current(a.ScoreId, a.VersionId, v.Number, a.ActivatedAt))
            .ToDictionaryAsync(c => c.ScoreId, ct);
        var activeIds = current.Values.Select(c => c.VersionId).ToList();

        var oot = OutOfTime(db).Where(e => activeIds.Contains(e.VersionId));
        var dates = await oot.GroupBy(e => e.VersionId)
            .Select(g => new OotDates(g.Key, g.Min(e => e.EvaluationDate), g.Max(e => e.EvaluationDate)))
            .ToDictionaryAsync(d => d.VersionId, ct);
        var previous = await oot
            .Where(e => e.EvaluationDate < OutOfTime(db).Where(x => x.VersionId == e.VersionId).Max(x => x.EvaluationDate))
            .GroupBy(e => e.VersionId).Select(g => new { VersionId = g.Key, Date = g.Max(e => e.EvaluationDate) })
            .ToDictionaryAsync(p => p.VersionId, p => p.Date, ct);

        // Only the first, previous and latest evaluations of each active version travel, and only the latest with its cut-offs.
        var wanted = dates.Values.SelectMany(d => new[] { d.First, d.Latest }).Concat(previous.Values).Distinct().ToList();
        var figures = (await oot.Where(e => wanted.Contains(e.EvaluationDate))
                .Select(e => new { e.VersionId, e.EvaluationDate, e.Auc, e.CutoffsJson }).ToListAsync(ct))
            .ToDictionary(e => (e.VersionId, e.EvaluationDate));

        var latestDates = dates.Values.Select(d => d.Latest).Distinct().ToList();
        var activeScores = current.Keys.ToList();
        var others = await Comparable(db)
            .Where(e => activeScores.Contains(e.ScoreId) && latestDates.Contains(e.EvaluationDate) && !activeIds.Contains(e.VersionId))
            .Join(db.ModelVersions, e => e.VersionId, v => v.Id, (e, v) => new { e.ScoreId, e.EvaluationDate, e.Auc, v.Number, v.ChallengerName })
            .ToListAsync(ct);

        var lastRunIds = db.ScoringRuns.GroupBy(r => r.ScoreId).Select(g => g.Max(r => r.Id));
        var lastRuns = await db.ScoringRuns.AsNoTracking().Where(r => lastRunIds.Contains(r.Id))
            .Select(r => new { r.ScoreId, r.Status, r.StartedAt, r.FinishedAt }).ToDictionaryAsync(r => r.ScoreId, ct);
        var lastGoodIds = db.ScoringRuns.Where(r => r.Status == ScoringStatus.Succeeded).GroupBy(r => r.ScoreId).Select(g => g.Max(r => r.Id));
        var psi = await db.ScoringRuns.AsNoTracking().Where(r => lastGoodIds.Contains(r.Id))
            .Select(r => new { r.ScoreId, r.ScorePsi }).ToDictionaryAsync(r => r.ScoreId, r => r.ScorePsi, ct);

        return scores.Select(score =>
        {
            var definition = ScoreRecords.Definition(score);
            var row = new ScoreHealthRow
            {
                Name = score.Name,
                Description = score.Description,
                Owners = definition.Owners,
                Drift = definition.Drift,
                ScorePsi = psi.GetValueOrDefault(score.Id),
                PsiLevel = definition.Drift.Level(psi.GetValueOrDefault(score.Id)),
            };
            if (lastRuns.TryGetValue(score.Id, out var run))
            {
                row = row with { LastRunStatus = run.Status, LastRunAt = run.FinishedAt ?? run.StartedAt };
            }

            if (!current.TryGetValue(score.Id, out var active))
            {
                return row;
            }

            row = row with { ActiveVersion = active.Number, ActiveSince = active.ActivatedAt };
            if (!dates.TryGetValue(active.VersionId, out var span) || !figures.TryGetValue((active.VersionId, span.Latest), out var latest))
            {
                return row;
            }

            var cutoffs = MetricKeys.Cutoffs(new VersionEvaluation { CutoffsJson = latest.CutoffsJson });
            double? before = previous.TryGetValue(active.VersionId, out var p) && figures.TryGetValue((active.VersionId, p), out var prev) ? prev.Auc : null;
            var best = others.Where(o => o.ScoreId == score.Id && o.EvaluationDate == span.Latest).MaxBy(o => o.Auc);
            return row with
            {
                Auc = latest.Auc,
                AucDate = span.Latest,
                AucChange = latest.Auc - before,
                FirstAuc = figures.TryGetValue((active.VersionId, span.First), out var first) ? first.Auc : null,
                Lift5 = cutoffs.FirstOrDefault(c => c.Percent == 5m)?.Lift,
                Lift10 = cutoffs.FirstOrDefault(c => c.Percent == 10m)?.Lift,
                BestOther = best is null ? null : best.ChallengerName is null ? $"v{best.Number}" : $"v{best.Number} · {best.ChallengerName}",
                BestOtherAuc = best?.Auc,
            };
        }).ToList();
    }

    /// <summary>
    /// Forward evaluations on dates that are not thin, with an AUC (<see cref="EvaluationKinds.Counts"/>, written for SQL): in-sample figures, back-tests and validation dates
    /// never judge a version, and a failed one has no AUC (the filter stays inside the evaluations index on VersionId,
    /// Kind, Thin, EvaluationDate, Auc).
    /// </summary>
    internal static IQueryable<VersionEvaluation> OutOfTime(CockpitDbContext db) =>
        db.Evaluations.AsNoTracking().Where(e => e.Kind == EvaluationKind.Forward && !e.Thin && e.Auc != null);

    /// <summary>What another version shows on the active one's latest date (<see cref="EvaluationKinds.Compares"/>, written for SQL).</summary>
    private static IQueryable<VersionEvaluation> Comparable(CockpitDbContext db) =>
        db.Evaluations.AsNoTracking().Where(e => (e.Kind == EvaluationKind.Forward || e.Kind == EvaluationKind.Validation) && !e.Thin && e.Auc != null);
}
