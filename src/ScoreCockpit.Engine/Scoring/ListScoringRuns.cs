using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>One scoring run as pages and commands read it, its JSON columns parsed.</summary>
public sealed record ScoringRunView(
    long Id, int VersionNumber, DateOnly ReferenceDate, ScoringStatus Status, string OutputTable, DateTime StartedAt, DateTime? FinishedAt,
    string StartedBy, long Rows, double? Mean, IReadOnlyList<double> Histogram, IReadOnlyList<double> DecileCuts, double? ScorePsi,
    IReadOnlyList<FeatureDrift> FeatureDrift, IReadOnlyList<string> Warnings, string? Failure, long DurationMs,
    string ScoreDriftLevel)
{
    /// <summary>"in-process" or "in-warehouse"; null for runs recorded before the choice existed.</summary>
    public string? Execution { get; init; }

    public string? ExecutionReason { get; init; }
}

/// <summary>A score's scoring runs, newest first, with the drift levels of the score's thresholds.</summary>
public sealed class ListScoringRunsHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<IReadOnlyList<ScoringRunView>> HandleAsync(string scoreName, int take = 100, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        var thresholds = ScoreRecords.Definition(score).Drift;
        var runs = await db.ScoringRuns.AsNoTracking().Where(r => r.ScoreId == score.Id)
            .Join(db.ModelVersions, r => r.VersionId, v => v.Id, (r, v) => new { Run = r, v.Number })
            .ToListAsync(ct);
        return runs.OrderByDescending(r => r.Run.StartedAt).ThenByDescending(r => r.Run.Id).Take(take).Select(r => new ScoringRunView(
            r.Run.Id, r.Number, r.Run.ReferenceDate, r.Run.Status, r.Run.OutputTable, r.Run.StartedAt, r.Run.FinishedAt, r.Run.StartedBy,
            r.Run.Rows, r.Run.Mean, Parse<double[]>(r.Run.HistogramJson) ?? [], Parse<double[]>(r.Run.DecileCutsJson) ?? [], r.Run.ScorePsi,
            Parse<List<FeatureDrift>>(r.Run.FeaturePsiJson) ?? [], Parse<List<string>>(r.Run.WarningsJson) ?? [], r.Run.Failure,
            r.Run.DurationMs, thresholds.Level(r.Run.ScorePsi))
        {
            Execution = r.Run.Execution,
            ExecutionReason = r.Run.ExecutionReason,
        }).ToList();
    }

    private static T? Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, ScoreDefinitionJson.Options);
}
