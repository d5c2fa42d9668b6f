using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scores;

public sealed record DeleteScore(string Name);

/// <summary>What a delete removed; <paramref name="Failures"/> lists what could not be removed and must be cleaned by hand.</summary>
public sealed record ScoreDeletion(string Name, int ArtifactsDeleted, int TablesDropped, IReadOnlyList<string> Failures);

/// <summary>
/// Deletes a score no scenario uses: its model files and snapshot tables go; its evaluations, version metadata and
/// audit lines stay, so the history of what was promoted and how it performed can still be read.
/// </summary>
public sealed class DeleteScoreHandler(
    IDbContextFactory<CockpitDbContext> contexts, ArtifactStore artifacts, WarehouseConnections connections, AuditLog audit, TimeProvider time)
{
    /// <summary>Marks a released name; ScoreName refuses it, so no live score can ever clash with a deleted one.</summary>
    public const string DeletedMarker = "~deleted-";

    public async Task<ScoreDeletion> HandleAsync(DeleteScore request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "delete scores");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Name, ct);
        var users = await ScenariosUsingAsync(db, score, ct);
        if (users.Count > 0)
        {
            throw new CockpitValidationException(
                $"The score '{score.Name}' is used by the scenario{(users.Count > 1 ? "s" : "")} {string.Join(", ", users.Select(u => $"'{u}'"))}. " +
                "Delete those scenarios or point their steps at another score first; nothing was deleted.");
        }

        var definition = ScoreRecords.Definition(score);
        var now = time.GetUtcNow().UtcDateTime;
        var versions = await db.ModelVersions.Where(v => v.ScoreId == score.Id).ToListAsync(ct);
        foreach (var version in versions.Where(v => v.PurgedAt is null))
        {
            version.PurgedAt = now;
        }

        var snapshots = await db.Snapshots.Where(s => s.ScoreId == score.Id).ToListAsync(ct);
        db.Snapshots.RemoveRange(snapshots);
        var name = score.Name;
        // The row stays for the evaluations and activations that point at it; the unique name is released so a new
        // score can take it (renaming rather than a filtered unique index, which each provider writes differently).
        var suffix = DeletedMarker + score.Id.ToString(CultureInfo.InvariantCulture);
        score.Name = name[..Math.Min(name.Length, ScoreName.MaxLength - suffix.Length)] + suffix;
        score.DeletedAt = now;
        score.UpdatedAt = now;
        score.UpdatedBy = actor.Name;
        audit.Add(db, actor.Name, AuditActions.ScoreDeleted, name,
            $"{versions.Count} version(s), {snapshots.Count} snapshot(s); evaluations kept");
        await db.SaveChangesAsync(ct);

        // Files and tables go after the store says so: a failure leaves an orphan to clean, never a visible score
        // whose models or data are half gone.
        var failures = new List<string>();
        var stillUsed = (await db.ModelVersions.AsNoTracking().Where(v => v.PurgedAt == null).Select(v => v.ArtifactSha256).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var deleted = 0;
        foreach (var sha in versions.Select(v => v.ArtifactSha256).Distinct().Where(sha => !stillUsed.Contains(sha)))
        {
            try
            {
                if (artifacts.Exists(sha))
                {
                    artifacts.Delete(sha);
                    deleted++;
                }

                foreach (var planSha in versions.Where(v => v.ArtifactSha256 == sha && v.PlanSha256 is not null).Select(v => v.PlanSha256!).Distinct())
                {
                    artifacts.Delete(planSha, ArtifactKind.Plan);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"model file {sha}: {e.Message}");
            }
        }

        var dropped = await DropTablesAsync(definition.Connection, snapshots.Select(s => s.TableName).Distinct().ToList(), failures, ct);
        if (failures.Count > 0)
        {
            await audit.WriteAsync(actor.Name, AuditActions.ScoreDeleted, name, "not removed: " + string.Join("; ", failures), ct);
        }

        return new ScoreDeletion(name, deleted, dropped, failures);
    }

    /// <summary>Scenarios that belong to the score or have a step naming it.</summary>
    public static async Task<IReadOnlyList<string>> ScenariosUsingAsync(CockpitDbContext db, Score score, CancellationToken ct)
    {
        var scenarios = await db.Scenarios.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new { s.Name, s.ScoreId, s.DefinitionJson }).ToListAsync(ct);
        return scenarios.Where(s => s.ScoreId == score.Id || NamesScore(s.DefinitionJson, score.Name)).Select(s => s.Name).ToList();
    }

    private static bool NamesScore(string json, string name)
    {
        try
        {
            return ScenarioJson.Read(json).Steps.Any(step => step.Score == name);
        }
        catch (CockpitValidationException)
        {
            // A stored definition that no longer reads cannot run either; a plain text match keeps the refusal on the safe side.
            return json.Contains($"\"{name}\"", StringComparison.Ordinal);
        }
    }

    private async Task<int> DropTablesAsync(string connection, List<string> tables, List<string> failures, CancellationToken ct)
    {
        if (tables.Count == 0)
        {
            return 0;
        }

        var dropped = 0;
        try
        {
            await using var session = await connections.OpenAsync(connection, ct);
            foreach (var table in tables)
            {
                try
                {
                    await session.DropTableIfExistsAsync(table, ct);
                    dropped++;
                }
                catch (Exception e) when (e is Warehouse.WarehouseException or System.Data.Common.DbException)
                {
                    failures.Add($"snapshot table {table}: {e.Message}");
                }
            }
        }
        catch (Exception e) when (e is Warehouse.WarehouseException or System.Data.Common.DbException or CockpitValidationException)
        {
            failures.AddRange(tables.Skip(dropped).Select(t => $"snapshot table {t}: {e.Message}"));
        }

        return dropped;
    }
}
