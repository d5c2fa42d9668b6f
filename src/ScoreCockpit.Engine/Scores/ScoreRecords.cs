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

    public static async Task<ScoreDefinition> ValidateAsync(CockpitDbContext db, ScoreDefinition definition, CancellationToken ct)
    {
        var globals = await db.Variables.AsNoTracking().Select(v => v.Name).ToListAsync(ct);
        var valid = ScoreDefinitionValidator.Validate(definition, globals);
        if (valid.Connection != Warehouse.WarehouseConnectionInfo.DemoName
            && !await db.WarehouseConnections.AnyAsync(c => c.Name == valid.Connection, ct))
        {
            throw new CockpitValidationException(
                $"The warehouse connection '{valid.Connection}' does not exist. An Admin adds connections under Admin → Connections.");
        }

        return valid;
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
