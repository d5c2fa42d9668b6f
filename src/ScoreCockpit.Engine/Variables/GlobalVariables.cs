using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Variables;

public sealed record SetGlobalVariable(string Name, VariableType Type, string Value);

/// <summary>Global variables: read by anyone, set and removed by Analysts, each change audited.</summary>
public sealed class GlobalVariablesHandler(IDbContextFactory<CockpitDbContext> contexts, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<VariableRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Variables.AsNoTracking().OrderBy(v => v.Name).ToListAsync(ct);
    }

    public async Task SetAsync(SetGlobalVariable request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "set variables");
        var name = VariableNames.Validate(request.Name);
        if (BuiltInVariables.Names.Contains(name))
        {
            throw new CockpitValidationException($"{name} is set by the engine for each reference date and cannot be defined.");
        }

        var value = request.Value?.Trim() ?? "";
        new Variable(name, request.Type, value).Parse();

        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.Variables.SingleOrDefaultAsync(v => v.Name == name, ct);
        if (record is null)
        {
            record = new VariableRecord { Name = name, Value = value, UpdatedBy = actor.Name };
            db.Variables.Add(record);
        }

        var before = record.Id == 0 ? "(new)" : $"{record.Type} {record.Value}";
        record.Type = request.Type;
        record.Value = value;
        record.UpdatedAt = time.GetUtcNow().UtcDateTime;
        record.UpdatedBy = actor.Name;
        audit.Add(db, actor.Name, AuditActions.VariableChanged, name, $"{before} → {request.Type} {value}");
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(string name, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "remove variables");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.Variables.SingleOrDefaultAsync(v => v.Name == name, ct)
            ?? throw new CockpitValidationException($"There is no global variable named {name}.");
        db.Variables.Remove(record);
        audit.Add(db, actor.Name, AuditActions.VariableChanged, name, $"{record.Type} {record.Value} → (removed)");
        await db.SaveChangesAsync(ct);
    }
}
