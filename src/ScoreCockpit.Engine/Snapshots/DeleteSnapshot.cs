using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Snapshots;

public sealed record DeleteSnapshot(string Score, DateOnly ReferenceDate);

/// <summary>
/// Removes one snapshot: its warehouse table and its record. Evaluations measured on it stay (they are the history of
/// what was measured then) until the date is rebuilt and evaluated again; versions trained on it keep their artifacts.
/// </summary>
public sealed class DeleteSnapshotHandler(IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, AuditLog audit)
{
    public async Task<string> HandleAsync(DeleteSnapshot request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "delete snapshots");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Score, ct);
        var snapshot = await db.Snapshots.SingleOrDefaultAsync(s => s.ScoreId == score.Id && s.ReferenceDate == request.ReferenceDate, ct)
            ?? throw new CockpitValidationException(
                $"{score.Name} has no snapshot for {request.ReferenceDate:yyyy-MM-dd}: nothing was deleted. 'scorecockpit snapshots list {score.Name}' lists its dates.");
        var evaluations = await db.Evaluations.CountAsync(e => e.ScoreId == score.Id && e.EvaluationDate == request.ReferenceDate, ct);

        await using (var session = await connections.OpenAsync(ScoreRecords.Definition(score).Connection, ct))
        {
            // The table first: if the warehouse refuses, the record still points at it and nothing is half-done.
            await session.DropTableIfExistsAsync(snapshot.TableName, ct);
        }

        db.Snapshots.Remove(snapshot);
        var said = $"{request.ReferenceDate:yyyy-MM-dd}: snapshot {snapshot.TableName} ({snapshot.Rows} rows) deleted" +
            (evaluations > 0 ? $"; the {evaluations} evaluation(s) measured on it are kept until the date is rebuilt and evaluated" : "");
        audit.Add(db, actor.Name, AuditActions.SnapshotDeleted, score.Name, said);
        await db.SaveChangesAsync(ct);
        return said;
    }
}
