using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

/// <summary>Files a score away (or brings it back): <paramref name="Archived"/> false unarchives.</summary>
public sealed record ArchiveScore(string Name, bool Archived = true);

/// <summary>
/// An archived score leaves the portfolio and the scenario pickers but keeps everything: its page, versions,
/// evaluations and scenarios. Scenarios that name it keep running, because archiving is about what people look at;
/// stopping production work is disabling the scenario, a separate and visible decision.
/// </summary>
public sealed class ArchiveScoreHandler(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task HandleAsync(ArchiveScore request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, request.Archived ? "archive scores" : "unarchive scores");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Name, ct);
        if (request.Archived == score.ArchivedAt is not null)
        {
            return;
        }

        score.ArchivedAt = request.Archived ? time.GetUtcNow().UtcDateTime : null;
        audit.Add(db, actor.Name, request.Archived ? AuditActions.ScoreArchived : AuditActions.ScoreUnarchived, score.Name);
        await db.SaveChangesAsync(ct);
    }
}
