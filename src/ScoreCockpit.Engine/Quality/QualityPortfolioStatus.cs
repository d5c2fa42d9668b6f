using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Quality;

/// <summary>Fills the overview's data-quality column: the worst latest check of each score (OK, WARNING, ERROR).</summary>
public sealed class QualityPortfolioStatus(IDbContextFactory<CockpitDbContext> contexts, QualityQueries queries) : IPortfolioEnrichment
{
    public async Task<IReadOnlyList<ScoreHealthRow>> EnrichAsync(IReadOnlyList<ScoreHealthRow> rows, CancellationToken ct)
    {
        var byScore = await queries.StatusByScoreAsync(ct);
        if (byScore.Count == 0)
        {
            return rows;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = await db.Scores.AsNoTracking().ToDictionaryAsync(s => s.Name, s => s.Id, ct);
        return rows.Select(r => names.TryGetValue(r.Name, out var id) && byScore.TryGetValue(id, out var status)
            ? r with { QualityStatus = QualityNames.Of(status) }
            : r).ToList();
    }
}
