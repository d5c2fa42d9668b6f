using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

public sealed record ScoreSummary(
    int Id, string Name, string Description, int HorizonMonths, int Snapshots, DateOnly? LatestReferenceDate,
    DateTime UpdatedAt, string UpdatedBy, DateTime? ArchivedAt = null, string Horizon = "")
{
    public bool Archived => ArchivedAt is not null;
}

/// <summary>Every score, by name, with its snapshot coverage, archived ones included (marked). Anyone signed in may read it.</summary>
public sealed class ListScoresHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<IReadOnlyList<ScoreSummary>> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scores = await db.Scores.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var coverage = await db.Snapshots.AsNoTracking()
            .GroupBy(s => s.ScoreId)
            .Select(g => new { ScoreId = g.Key, Count = g.Count(), Latest = g.Max(s => s.ReferenceDate) })
            .ToDictionaryAsync(g => g.ScoreId, ct);

        return scores.Select(s =>
        {
            var definition = ScoreRecords.Definition(s);
            coverage.TryGetValue(s.Id, out var c);
            return new ScoreSummary(s.Id, s.Name, s.Description, definition.HorizonMonths, c?.Count ?? 0, c?.Latest,
                s.UpdatedAt, s.UpdatedBy, s.ArchivedAt, definition.Horizon.ToString());
        }).ToList();
    }
}
