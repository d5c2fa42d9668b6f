using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

public sealed record ScoreDetails(int Id, ScoreDefinition Definition, DateTime CreatedAt, string CreatedBy, DateTime UpdatedAt, string UpdatedBy,
    DateTime? ArchivedAt = null);

/// <summary>One score with its definition. Anyone signed in may read it; its JSON is the export file.</summary>
public sealed class GetScoreHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<ScoreDetails> HandleAsync(string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, name, ct);
        return new ScoreDetails(score.Id, ScoreRecords.Definition(score), score.CreatedAt, score.CreatedBy, score.UpdatedAt, score.UpdatedBy,
            score.ArchivedAt);
    }

    public async Task<string> ExportAsync(string name, CancellationToken ct = default) =>
        ScoreDefinitionJson.Write((await HandleAsync(name, ct)).Definition);
}
