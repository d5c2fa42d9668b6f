using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

public sealed record ScoreSummary(int Id, string Name, string Description, DateTime CreatedAt, string CreatedBy);

/// <summary>Every score, by name. Anyone signed in may read it.</summary>
public sealed class ListScoresHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<IReadOnlyList<ScoreSummary>> HandleAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Scores.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new ScoreSummary(s.Id, s.Name, s.Description, s.CreatedAt, s.CreatedBy))
            .ToListAsync(ct);
    }
}
