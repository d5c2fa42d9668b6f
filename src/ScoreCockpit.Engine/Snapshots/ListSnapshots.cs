using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>
/// A snapshot as lists show it. <see cref="Labels"/> is final or pending (read before <see cref="LabelsFinalOn"/>);
/// a pending one whose day has come is <see cref="RefreshDue"/>.
/// </summary>
public sealed record SnapshotSummary(
    DateOnly ReferenceDate, string TableName, long Rows, long? Positives, double? BaseRate, LabelState Labels,
    DateOnly LabelsFinalOn, bool RefreshDue, DateTime LabelsReadAt, long MissingLabels, DateTime BuiltAt, string BuiltBy, long DurationMs,
    IReadOnlyList<ColumnProfile> Columns)
{
    public bool LabelsFinal => Labels == LabelState.Final;
}

/// <summary>A score's snapshots, newest first, each with the state of its labels (see <see cref="LabelMaturity"/>).</summary>
public sealed class ListSnapshotsHandler(IDbContextFactory<CockpitDbContext> contexts, CockpitClock clock)
{
    public async Task<IReadOnlyList<SnapshotSummary>> HandleAsync(string scoreName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scope = await ScoreScope.LoadAsync(db, scoreName, clock, ct);
        var due = scope.DueForRefresh.Select(s => s.ReferenceDate).ToHashSet();
        return scope.Snapshots.OrderByDescending(s => s.ReferenceDate).Select(s => new SnapshotSummary(
            s.ReferenceDate, s.TableName, s.Rows, s.Positives, s.BaseRate, scope.Labels[s.ReferenceDate], scope.FinalOn(s.ReferenceDate),
            due.Contains(s.ReferenceDate), s.LabelsReadAt, s.MissingLabels, s.BuiltAt, s.BuiltBy, s.DurationMs, s.Columns)).ToList();
    }
}
