using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Portfolio;

/// <summary>
/// The production line of a page's scores over their last evaluation dates: at each date, the version active at the end
/// of that day (as PerformanceQueries.ActiveOverTimeAsync reads it) and its out-of-time AUC; in-sample shows as a gap.
/// </summary>
internal static class Sparklines
{
    public const int Dates = 12;

    public static async Task<Dictionary<string, IReadOnlyList<SparkPoint>>> LoadAsync(CockpitDbContext db, IReadOnlyList<string> names, CancellationToken ct)
    {
        var scores = await db.Scores.AsNoTracking().Where(s => names.Contains(s.Name)).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var ids = scores.Select(s => s.Id).ToList();
        var history = await db.Activations.AsNoTracking().Where(a => ids.Contains(a.ScoreId))
            .Select(a => new { a.Id, a.ScoreId, a.VersionId, a.ActivatedAt }).ToListAsync(ct);
        var days = await db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.ScoreId))
            .GroupBy(e => new { e.ScoreId, e.EvaluationDate }).Select(g => g.Key).ToListAsync(ct);
        var recent = days.GroupBy(d => d.ScoreId)
            .ToDictionary(g => g.Key, g => g.Select(d => d.EvaluationDate).OrderDescending().Take(Dates).Order().ToList());
        if (recent.Count == 0)
        {
            return [];
        }

        var since = recent.Values.Min(d => d[0]);
        var everActive = history.Select(a => a.VersionId).Distinct().ToList();
        var values = (await db.Evaluations.AsNoTracking()
                .Where(e => everActive.Contains(e.VersionId) && e.EvaluationDate >= since)
                .Select(e => new { e.VersionId, e.EvaluationDate, e.Auc, e.Kind, e.Thin }).ToListAsync(ct))
            .ToDictionary(e => (e.VersionId, e.EvaluationDate));

        var lines = new Dictionary<string, IReadOnlyList<SparkPoint>>();
        foreach (var score in scores)
        {
            var ordered = history.Where(a => a.ScoreId == score.Id).OrderByDescending(a => a.ActivatedAt).ThenByDescending(a => a.Id).ToList();
            var points = new List<SparkPoint>();
            foreach (var date in recent.GetValueOrDefault(score.Id) ?? [])
            {
                var endOfDay = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                if (ordered.FirstOrDefault(a => a.ActivatedAt < endOfDay) is not { } active)
                {
                    continue;
                }

                values.TryGetValue((active.VersionId, date), out var value);
                points.Add(new SparkPoint(date, value is not null && EvaluationKinds.Counts(value.Kind, value.Thin) ? value.Auc : null));
            }

            lines[score.Name] = points;
        }

        return lines;
    }
}
