using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Evaluation;

/// <summary>Keeps the stored thin flags of a score's evaluations in line with its rule when a person changes it.</summary>
internal static class ThinDates
{
    /// <summary>One statement over the score's evaluations: the figures stay, only what counts changes.</summary>
    public static Task<int> ReflagAsync(CockpitDbContext db, int scoreId, ThinDateRule rule, CancellationToken ct) =>
        db.Evaluations.Where(e => e.ScoreId == scoreId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Thin, e => e.Rows < rule.MinimumRows || e.Positives < rule.MinimumPositives), ct);
}
