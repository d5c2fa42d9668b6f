using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

/// <summary>Reading and writing scores' definitions in the store, shared by the score handlers.</summary>
internal static class ScoreRecords
{
    public static async Task<Score> FindAsync(CockpitDbContext db, string name, CancellationToken ct) =>
        await db.Scores.SingleOrDefaultAsync(s => s.Name == name, ct)
        ?? throw new CockpitValidationException($"There is no score named '{name}'.");

    public static ScoreDefinition Definition(Score score) => ScoreDefinitionJson.Read(score.DefinitionJson) with { Name = score.Name };

    /// <summary>Every problem of the definition at once: its own rules, then what the store knows (columns, connections).</summary>
    public static async Task<ScoreDefinition> ValidateAsync(CockpitDbContext db, ScoreDefinition definition, CancellationToken ct)
    {
        var problems = new List<string>();
        var globals = await db.Variables.AsNoTracking().Select(v => v.Name).ToListAsync(ct);
        var valid = definition;
        try
        {
            valid = ScoreDefinitionValidator.Validate(definition, globals);
        }
        catch (CockpitValidationException e)
        {
            problems.Add(e.Message);
        }

        var unknown = await UnknownKindColumnsAsync(db, valid, ct);
        if (unknown.Count > 0)
        {
            problems.Add(
                $"columnKinds names {string.Join(", ", unknown.Select(c => $"'{c}'"))}, which no snapshot of '{valid.Name}' has. " +
                "Set a kind only on a column the dataprep returns (see the Snapshots tab), or remove it.");
        }

        if (valid.Connection != Warehouse.WarehouseConnectionInfo.DemoName
            && !await db.WarehouseConnections.AnyAsync(c => c.Name == valid.Connection, ct))
        {
            problems.Add($"The warehouse connection '{valid.Connection}' does not exist. An Admin adds connections under Admin → Connections.");
        }

        return problems.Count == 0 ? valid : throw new CockpitValidationException(string.Join("\n", problems));
    }

    /// <summary>
    /// Kinds set by hand on columns that no snapshot of the score has; a score without snapshots yet cannot tell, so
    /// its kinds are taken as written.
    /// </summary>
    private static async Task<List<string>> UnknownKindColumnsAsync(CockpitDbContext db, ScoreDefinition definition, CancellationToken ct)
    {
        if (definition.ColumnKinds.Count == 0)
        {
            return [];
        }

        var snapshots = await db.Snapshots.AsNoTracking().Where(s => db.Scores.Any(c => c.Id == s.ScoreId && c.Name == definition.Name))
            .Select(s => s.Columns).ToListAsync(ct);
        if (snapshots.Count == 0)
        {
            return [];
        }

        var known = snapshots.SelectMany(c => c).Select(c => c.Name).Concat(definition.DecidedKinds.Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return definition.ColumnKinds.Keys.Where(c => !known.Contains(c)).Order(StringComparer.Ordinal).ToList();
    }

    public static void Apply(Score score, ScoreDefinition definition, string actor, DateTime now)
    {
        score.Name = definition.Name;
        score.Description = definition.Description;
        score.DefinitionJson = ScoreDefinitionJson.Write(definition);
        score.UpdatedAt = now;
        score.UpdatedBy = actor;
    }
}
