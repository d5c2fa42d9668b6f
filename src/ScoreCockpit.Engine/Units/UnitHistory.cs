using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units;

/// <summary>
/// A unit's deadline from its history: three times the longest of the last ten successful runs of the same kind on
/// the same score, and never under 30 minutes (a first run, a unit that grew with the data). A unit stuck on a lock
/// or a dead connection ends instead of holding a node forever.
/// </summary>
public sealed class UnitHistory(IDbContextFactory<CockpitDbContext> contexts) : IUnitHistory
{
    public static readonly TimeSpan Floor = TimeSpan.FromMinutes(30);
    public const int Factor = 3;
    public const int Recent = 10;

    public async Task<TimeSpan> DeadlineAsync(UnitOfWork unit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, unit.Score, ct);
        var kind = unit.Kind.Name();
        var longest = (await db.UnitRuns.AsNoTracking()
            .Where(r => r.ScoreId == score.Id && r.Kind == kind && r.Status == UnitRunStatus.Succeeded)
            .OrderByDescending(r => r.Id).Take(Recent).Select(r => r.DurationMs).ToListAsync(ct)).DefaultIfEmpty(0).Max();
        var deadline = TimeSpan.FromMilliseconds(longest * Factor);
        return deadline > Floor ? deadline : Floor;
    }
}
