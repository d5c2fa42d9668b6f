using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>One version's value on one date, with what kind of figure it is and whether the date is too thin to count.</summary>
public sealed record PerformancePoint(DateOnly Date, double? Value, EvaluationKind Kind, bool Thin, string? Failure)
{
    public bool InSample => Kind == EvaluationKind.InSample;

    /// <summary>A forward figure on a date with enough rows and positives: the only kind that judges a version.</summary>
    public bool Counts => EvaluationKinds.Counts(Kind, Thin);
}

public sealed record VersionSeries(int Version, string? ChallengerName, DateOnly AsOfDate, IReadOnlyList<PerformancePoint> Points);

/// <summary>The production line: at each date, the version that was active then and how it did.</summary>
public sealed record ActivePoint(DateOnly Date, int Version, double? Value, EvaluationKind Kind, bool Thin = false)
{
    public bool InSample => Kind == EvaluationKind.InSample;
}

public sealed record EvaluationView(int Version, string? ChallengerName, DateOnly AsOfDate, VersionEvaluation Evaluation)
{
    public IReadOnlyList<CutoffMetric> Cutoffs => MetricKeys.Cutoffs(Evaluation);
    public IReadOnlyList<DecileRow> Deciles => MetricKeys.Deciles(Evaluation);
}

/// <summary>The performance store, read: a metric over time per version, every version on one date, the active line.</summary>
public sealed class PerformanceQueries(IDbContextFactory<CockpitDbContext> contexts, EvaluationRowsCache cache)
{
    public async Task<IReadOnlyList<VersionSeries>> OverTimeAsync(string scoreName, string metric, CancellationToken ct = default)
    {
        var (rows, _) = await LoadAsync(scoreName, null, ct);
        return rows.GroupBy(r => r.Version).OrderBy(g => g.Key)
            .Select(g => new VersionSeries(g.Key, g.First().ChallengerName, g.First().AsOfDate, g
                .OrderBy(r => r.Evaluation.EvaluationDate)
                .Select(r => new PerformancePoint(r.Evaluation.EvaluationDate, MetricKeys.Value(r.Evaluation, metric), r.Evaluation.Kind, r.Evaluation.Thin, r.Evaluation.Failure))
                .ToList()))
            .ToList();
    }

    /// <summary>Every version's evaluation on <paramref name="date"/>, or on the latest evaluated date.</summary>
    public async Task<IReadOnlyList<EvaluationView>> OnDateAsync(string scoreName, DateOnly? date = null, CancellationToken ct = default)
    {
        var (rows, _) = await LoadAsync(scoreName, date, ct);
        if (date is null && rows.Count > 0)
        {
            var latest = rows.Max(r => r.Evaluation.EvaluationDate);
            rows = rows.Where(r => r.Evaluation.EvaluationDate == latest).ToList();
        }

        return rows.OrderBy(r => r.Version).ToList();
    }

    /// <summary>Every stored evaluation of the score (or of one version), by version then date.</summary>
    public async Task<IReadOnlyList<EvaluationView>> AllAsync(string scoreName, int? version = null, CancellationToken ct = default)
    {
        var (rows, _) = await LoadAsync(scoreName, null, ct);
        if (version is { } number && rows.All(r => r.Version != number))
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var score = await ScoreRecords.FindAsync(db, scoreName, ct);
            if (!await db.ModelVersions.AnyAsync(v => v.ScoreId == score.Id && v.Number == number, ct))
            {
                throw new Accounts.CockpitValidationException($"{scoreName} has no version {number}: list them with 'scorecockpit versions {scoreName}'.");
            }
        }

        return [.. rows.Where(r => version is null || r.Version == version).OrderBy(r => r.Version).ThenBy(r => r.Evaluation.EvaluationDate)];
    }

    /// <summary>
    /// At each evaluation date, the version active when that snapshot was scored (the activation history at the
    /// end of that day) and its value; dates before the first activation have no point.
    /// </summary>
    public async Task<IReadOnlyList<ActivePoint>> ActiveOverTimeAsync(string scoreName, string metric, CancellationToken ct = default)
    {
        var (rows, scoreId) = await LoadAsync(scoreName, null, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var history = await db.Activations.AsNoTracking().Where(a => a.ScoreId == scoreId)
            .Join(db.ModelVersions, a => a.VersionId, v => v.Id, (a, v) => new { a.Id, a.ActivatedAt, v.Number }).ToListAsync(ct);
        var ordered = history.OrderByDescending(a => a.ActivatedAt).ThenByDescending(a => a.Id)
            .Select(a => new Registry.ActivationRecord(a.Number, a.ActivatedAt, "", "")).ToList();
        var points = new List<ActivePoint>();
        foreach (var date in rows.Select(r => r.Evaluation.EvaluationDate).Distinct().Order())
        {
            // The forward-performance table reads the same rule: the band and the table name the same version.
            if (ForwardPerformanceRule.ActiveOn(date, ordered) is not { } active)
            {
                continue;
            }

            var row = rows.FirstOrDefault(r => r.Version == active && r.Evaluation.EvaluationDate == date);
            points.Add(row is null
                ? new ActivePoint(date, active, null, EvaluationKind.Forward)
                : new ActivePoint(date, active, MetricKeys.Value(row.Evaluation, metric), row.Evaluation.Kind, row.Evaluation.Thin));
        }

        return points;
    }

    private async Task<(List<EvaluationView> Rows, int ScoreId)> LoadAsync(string scoreName, DateOnly? date, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        var rows = await cache.RowsAsync(db, score.Id, ct);
        return ([.. rows.Where(r => date is null || r.Evaluation.EvaluationDate == date)], score.Id);
    }
}
