using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Connections;

public sealed record SaveConnection(string Name, WarehouseKind Kind, string? ConnectionString, Execution Execution = Execution.Auto);

/// <summary>A connection as pages see it: never its connection string.</summary>
public sealed record ConnectionSummary(string Name, WarehouseKind Kind, bool BuiltIn, DateTime? UpdatedAt, string? UpdatedBy,
    Execution Execution = Execution.Auto);

/// <summary>
/// Warehouse connections: the built-in demo DuckDB plus those Admins add. Connection strings are
/// encrypted with Data Protection in the store and never shown back.
/// </summary>
public sealed class WarehouseConnections(
    IDbContextFactory<CockpitDbContext> contexts, IDataProtectionProvider protection, DataFolder data,
    WarehouseConnector connector, AuditLog audit, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("ScoreCockpit.WarehouseConnections");

    public async Task<IReadOnlyList<ConnectionSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.WarehouseConnections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return [new ConnectionSummary(WarehouseConnectionInfo.DemoName, WarehouseKind.DuckDb, true, null, null),
            .. stored.Select(c => new ConnectionSummary(c.Name, c.Kind, false, c.UpdatedAt, c.UpdatedBy, c.Execution))];
    }

    /// <summary>Adds or changes a connection. An empty connection string keeps the stored one (it is never shown).</summary>
    public async Task SaveAsync(SaveConnection request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "manage warehouse connections");
        var name = ConnectionName(request.Name);
        if (name == WarehouseConnectionInfo.DemoName)
        {
            throw new CockpitValidationException("'demo' is the built-in warehouse in the data folder; choose another name.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.WarehouseConnections.SingleOrDefaultAsync(c => c.Name == name, ct);
        if (record is null && string.IsNullOrWhiteSpace(request.ConnectionString))
        {
            throw new CockpitValidationException($"Give the connection string of '{name}'.");
        }

        record ??= db.WarehouseConnections.Add(new WarehouseConnectionRecord
        {
            Name = name,
            ProtectedConnectionString = "",
            UpdatedBy = actor.Name,
        }).Entity;
        record.Kind = request.Kind;
        record.Execution = request.Execution;
        if (!string.IsNullOrWhiteSpace(request.ConnectionString))
        {
            record.ProtectedConnectionString = _protector.Protect(request.ConnectionString.Trim());
        }

        record.UpdatedAt = time.GetUtcNow().UtcDateTime;
        record.UpdatedBy = actor.Name;
        audit.Add(db, actor.Name, AuditActions.ConnectionChanged, name, $"{request.Kind}, execution {ExecutionNames.Of(request.Execution)}");
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(string name, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "manage warehouse connections");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.WarehouseConnections.SingleOrDefaultAsync(c => c.Name == name, ct)
            ?? throw new CockpitValidationException($"There is no connection named '{name}'.");
        db.WarehouseConnections.Remove(record);
        audit.Add(db, actor.Name, AuditActions.ConnectionChanged, name, "removed");
        await db.SaveChangesAsync(ct);
    }

    private static string ConnectionName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return System.Text.RegularExpressions.Regex.IsMatch(trimmed, "^[a-z][a-z0-9_-]{0,63}$")
            ? trimmed
            : throw new CockpitValidationException(
                $"The connection name '{name}' is not allowed: use lower-case letters, digits, dashes and underscores, starting with a letter.");
    }

    /// <summary>The connection with its secret, for the engine only.</summary>
    public async Task<WarehouseConnectionInfo> ResolveAsync(string name, CancellationToken ct = default)
    {
        if (name == WarehouseConnectionInfo.DemoName)
        {
            return WarehouseConnectionInfo.Demo(data);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.WarehouseConnections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == name, ct)
            ?? throw new CockpitValidationException($"There is no warehouse connection named '{name}'.");
        try
        {
            return new WarehouseConnectionInfo(record.Name, record.Kind, _protector.Unprotect(record.ProtectedConnectionString));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CockpitSetupException(
                $"The connection string of '{name}' cannot be decrypted: the keys in the cockpit store do not match it. " +
                "An Admin must enter it again.", e);
        }
    }

    /// <summary>The connection's execution setting; the built-in demo's is auto.</summary>
    public async Task<Execution> ExecutionAsync(string name, CancellationToken ct = default)
    {
        if (name == WarehouseConnectionInfo.DemoName)
        {
            return Execution.Auto;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.WarehouseConnections.AsNoTracking().Where(c => c.Name == name).Select(c => c.Execution).FirstOrDefaultAsync(ct);
    }

    public async Task<WarehouseSession> OpenAsync(string name, CancellationToken ct = default) =>
        await connector.OpenAsync(await ResolveAsync(name, ct), ct);

    /// <summary>Opens the connection and runs SELECT 1; the message says what went wrong, without the secret.</summary>
    public async Task<string> TestAsync(string name, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Admin, "test warehouse connections");
        await using var session = await OpenAsync(name, ct);
        // Opening is not always enough: some providers connect lazily, and a session may still refuse to run SQL.
        await session.ScalarAsync(RenderedSql.Plain("SELECT 1"), ct);
        var version = session.Connection.ServerVersion;
        return $"Connected to {name} ({session.Info.Kind}{(string.IsNullOrEmpty(version) ? "" : $" {version}")}).";
    }
}
