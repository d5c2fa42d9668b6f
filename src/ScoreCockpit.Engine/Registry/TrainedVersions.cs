using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

public static class TrainedVersions
{
    /// <summary>The versions (the month's and its challengers) a score trained as of a day, by number: what makes a retrain idempotent.</summary>
    public static Task<List<ModelVersion>> OfDayAsync(CockpitDbContext db, int scoreId, DateOnly asOf, CancellationToken ct) =>
        db.ModelVersions.AsNoTracking().Where(v => v.ScoreId == scoreId && v.AsOfDate == asOf).OrderBy(v => v.Number).ToListAsync(ct);
}
