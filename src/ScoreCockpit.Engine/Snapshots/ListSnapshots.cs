using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Snapshots;

public sealed record SnapshotSummary(
    DateOnly ReferenceDate, string TableName, long Rows, long? Positives, double? BaseRate, bool LabelsKnown,
    DateOnly LabelsKnownOn, DateTime BuiltAt, string BuiltBy, long DurationMs, IReadOnlyList<ColumnProfile> Columns);

/// <summary>A score's snapshots, newest first, each saying whether its labels are known yet.</summary>
public sealed class ListSnapshotsHandler(IDbContextFactory<CockpitDbContext> contexts, CockpitClock clock)
{
    public async Task<IReadOnlyList<SnapshotSummary>> HandleAsync(string scoreName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        var horizon = ScoreRecords.Definition(score).HorizonMonths;
        var today = clock.Today;
        var snapshots = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id).ToListAsync(ct);
        return snapshots.OrderByDescending(s => s.ReferenceDate).Select(s =>
        {
            var knownOn = BuiltInVariables.EndOfMonthAfter(s.ReferenceDate, horizon);
            return new SnapshotSummary(s.ReferenceDate, s.TableName, s.Rows, s.Positives, s.BaseRate, knownOn <= today, knownOn,
                s.BuiltAt, s.BuiltBy, s.DurationMs, s.Columns);
        }).ToList();
    }
}
