using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Quality;

/// <summary>A check's latest outcome, for the Data quality page.</summary>
public sealed record CheckSummary(
    int? ScoreId, string? ScoreName, string CheckName, string Kind, string? MetricName, CheckStatus Status, double? Value,
    string Message, DateOnly ReferenceDate, DateTime CheckedAt);

/// <summary>A metric's latest value and how many reference dates it was measured for.</summary>
public sealed record MetricSummary(int? ScoreId, string? ScoreName, string MetricName, string Dataset, double? Value, DateOnly ReferenceDate, int Dates);

public sealed record QualityOverview(IReadOnlyList<CheckSummary> Checks, IReadOnlyList<MetricSummary> Metrics);

/// <summary>Reads the metrics' and checks' history; the latest rows are picked inside the store, not in memory.</summary>
public sealed class QualityQueries(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<CheckResult?> LatestCheckAsync(string? scoreName, string checkName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scoreId = await ScoreIdAsync(db, scoreName, ct);
        return await db.CheckResults.AsNoTracking().Where(r => r.ScoreId == scoreId && r.CheckName == checkName)
            .OrderByDescending(r => r.ReferenceDate).ThenByDescending(r => r.CheckedAt).FirstOrDefaultAsync(ct);
    }

    public async Task<QualityMeasurement?> LatestMetricAsync(string? scoreName, string metricName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scoreId = await ScoreIdAsync(db, scoreName, ct);
        return await db.QualityMeasurements.AsNoTracking().Where(m => m.ScoreId == scoreId && m.MetricName == metricName)
            .OrderByDescending(m => m.ReferenceDate).ThenByDescending(m => m.MeasuredAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>The check's outcome for one reference date (re-runs replace, so there is at most one; the newest wins anyway).</summary>
    public async Task<CheckResult?> CheckAtAsync(string? scoreName, string checkName, DateOnly referenceDate, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scoreId = await ScoreIdAsync(db, scoreName, ct);
        return await db.CheckResults.AsNoTracking()
            .Where(r => r.ScoreId == scoreId && r.CheckName == checkName && r.ReferenceDate == referenceDate)
            .OrderByDescending(r => r.CheckedAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>The metric's value for one reference date.</summary>
    public async Task<QualityMeasurement?> MetricAtAsync(string? scoreName, string metricName, DateOnly referenceDate, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scoreId = await ScoreIdAsync(db, scoreName, ct);
        return await db.QualityMeasurements.AsNoTracking()
            .Where(m => m.ScoreId == scoreId && m.MetricName == metricName && m.ReferenceDate == referenceDate)
            .OrderByDescending(m => m.MeasuredAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>The metric's values, oldest reference date first.</summary>
    public async Task<IReadOnlyList<QualityMeasurement>> MetricHistoryAsync(string? scoreName, string metricName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scoreId = await ScoreIdAsync(db, scoreName, ct);
        return await db.QualityMeasurements.AsNoTracking().Where(m => m.ScoreId == scoreId && m.MetricName == metricName)
            .OrderBy(m => m.ReferenceDate).ToListAsync(ct);
    }

    /// <summary>The outcomes of one check, or of all the score's checks when <paramref name="checkName"/> is null, oldest first.</summary>
    public async Task<IReadOnlyList<CheckResult>> CheckHistoryAsync(string? scoreName, string? checkName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scoreId = await ScoreIdAsync(db, scoreName, ct);
        return await db.CheckResults.AsNoTracking().Where(r => r.ScoreId == scoreId && (checkName == null || r.CheckName == checkName))
            .OrderBy(r => r.ReferenceDate).ThenBy(r => r.CheckName).ToListAsync(ct);
    }

    /// <summary>For each score with checks: the worst status among its checks' latest outcomes (the portfolio's data-quality column).</summary>
    public async Task<IReadOnlyDictionary<int, CheckStatus>> StatusByScoreAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Status is stored as text for BI readers, so "worst" is ranked explicitly rather than by the text's order.
        var worst = await Latest(db).Where(r => r.ScoreId != null)
            .GroupBy(r => r.ScoreId!.Value)
            .Select(g => new { ScoreId = g.Key, Rank = g.Max(r => r.Status == CheckStatus.Error ? 2 : r.Status == CheckStatus.Warning ? 1 : 0) })
            .ToListAsync(ct);
        return worst.ToDictionary(w => w.ScoreId, w => (CheckStatus)w.Rank);
    }

    /// <summary>Every check's latest outcome and every metric's latest value, by score then name.</summary>
    public async Task<QualityOverview> OverviewAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scores = await db.Scores.AsNoTracking().Select(s => new { s.Id, s.Name }).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var checks = await Latest(db).ToListAsync(ct);
        var lastMetricDates = db.QualityMeasurements.GroupBy(m => new { m.ScoreId, m.MetricName })
            .Select(g => new { g.Key.ScoreId, g.Key.MetricName, Date = g.Max(m => m.ReferenceDate), Dates = g.Count() });
        var metrics = await db.QualityMeasurements.AsNoTracking()
            .Join(lastMetricDates, m => new { m.ScoreId, m.MetricName, Date = m.ReferenceDate }, l => new { l.ScoreId, l.MetricName, l.Date },
                (m, l) => new { m.ScoreId, m.MetricName, m.Dataset, m.Value, m.ReferenceDate, l.Dates })
            .ToListAsync(ct);
        string? Name(int? id) => id is { } i && scores.TryGetValue(i, out var name) ? name : null;
        return new QualityOverview(
            checks.Select(c => new CheckSummary(c.ScoreId, Name(c.ScoreId), c.CheckName, c.Kind, c.MetricName, c.Status, c.Value, c.Message,
                    c.ReferenceDate, c.CheckedAt))
                .OrderBy(c => c.ScoreName ?? "").ThenBy(c => c.CheckName, StringComparer.Ordinal).ToList(),
            metrics.Select(m => new MetricSummary(m.ScoreId, Name(m.ScoreId), m.MetricName, m.Dataset, m.Value, m.ReferenceDate, m.Dates))
                .OrderBy(m => m.ScoreName ?? "").ThenBy(m => m.MetricName, StringComparer.Ordinal).ToList());
    }

    /// <summary>Each (score, check)'s outcome at its latest reference date (re-runs replace, so there is one per date).</summary>
    private static IQueryable<CheckResult> Latest(CockpitDbContext db)
    {
        var last = db.CheckResults.GroupBy(r => new { r.ScoreId, r.CheckName })
            .Select(g => new { g.Key.ScoreId, g.Key.CheckName, Date = g.Max(r => r.ReferenceDate) });
        return db.CheckResults.AsNoTracking()
            .Join(last, r => new { r.ScoreId, r.CheckName, Date = r.ReferenceDate }, l => new { l.ScoreId, l.CheckName, l.Date }, (r, l) => r);
    }

    private static async Task<int?> ScoreIdAsync(CockpitDbContext db, string? scoreName, CancellationToken ct) =>
        scoreName is null ? null : (await Scores.ScoreRecords.FindAsync(db, scoreName, ct)).Id;
}
