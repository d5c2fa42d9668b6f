using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.PushDown;

/// <summary>A score's execution choice from its settings and its measured runs, for scoring runs and evaluations alike.</summary>
internal static class ExecutionChoices
{
    public static async Task<ExecutionChoice> ForScoreAsync(CockpitDbContext db, WarehouseConnections connections, int scoreId, Execution? requested,
        ScoreDefinition definition, WarehouseKind kind, CancellationToken ct)
    {
        // Each way's latest successful scoring run on this score: what auto compares (an evaluation reads the same rows).
        var history = new List<ExecutionChoice.Measured>();
        foreach (var where in new[] { Execution.InProcess, Execution.InWarehouse })
        {
            var name = ExecutionNames.Of(where);
            var last = await db.ScoringRuns.AsNoTracking()
                .Where(r => r.ScoreId == scoreId && r.Status == ScoringStatus.Succeeded && r.Execution == name && r.Rows > 0)
                .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            if (last is not null)
            {
                history.Add(new(where, last.Rows, last.DurationMs));
            }
        }

        return ExecutionChoice.Choose(requested, definition.Execution, await connections.ExecutionAsync(definition.Connection, ct),
            definition.Connection, kind, history);
    }
}
