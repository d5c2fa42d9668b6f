using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

public sealed record VersionSummary(
    int Number, DateOnly AsOfDate, string Algorithm, string? ChallengerName, int Features, double? ValidationAuc,
    double? ValidationLift10, string SchemaDiff, bool Active, bool Purged, DateTime TrainedAt, string TrainedBy);

/// <summary>A score's versions, newest first, with the active one marked. Anyone signed in may read it.</summary>
public sealed class ListVersionsHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<IReadOnlyList<VersionSummary>> HandleAsync(string scoreName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        var active = await ActiveVersions.CurrentAsync(db, score.Id, ct);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.ScoreId == score.Id).ToListAsync(ct);
        return versions.OrderByDescending(v => v.Number).Select(v => new VersionSummary(
            v.Number, v.AsOfDate, v.Algorithm, v.ChallengerName,
            JsonSerializer.Deserialize<List<string>>(v.FeaturesJson)?.Count ?? 0,
            v.ValidationAuc, v.ValidationLift10, Describe(v.SchemaDiffJson), v.Id == active?.Id, v.PurgedAt is not null,
            v.TrainedAt, v.TrainedBy)).ToList();
    }

    private static string Describe(string diffJson)
    {
        using var document = JsonDocument.Parse(diffJson);
        var parts = new List<string>();
        foreach (var (property, label) in new[] { ("added", "+"), ("removed", "-") })
        {
            if (document.RootElement.TryGetProperty(property, out var names))
            {
                parts.AddRange(names.EnumerateArray().Select(n => label + n.GetString()));
            }
        }

        if (document.RootElement.TryGetProperty("changed", out var changed))
        {
            parts.AddRange(changed.EnumerateArray().Select(c => "~" + c.GetProperty("column").GetString()));
        }

        return parts.Count == 0 ? "" : string.Join(" ", parts);
    }
}
