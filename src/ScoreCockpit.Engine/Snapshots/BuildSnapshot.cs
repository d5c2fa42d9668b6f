using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>Materialise a score's snapshot for one reference date (a unit of work: small and serialisable).</summary>
public sealed record BuildSnapshot(string Score, DateOnly ReferenceDate, IReadOnlyList<Variable>? RunVariables = null);

/// <summary>
/// Runs the dataprep with `date_ref` = the reference date into a staging table, checks and profiles it,
/// then swaps it in. Re-running replaces that date's table and record only; a failure changes nothing.
/// </summary>
public sealed class BuildSnapshotHandler(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, AuditLog audit, TimeProvider time, Settings.CockpitClock clock)
{
    public async Task<Snapshot> HandleAsync(BuildSnapshot request, Actor actor, CancellationToken ct = default) =>
        await TryHandleAsync(request, actor, ct) ?? throw new CockpitValidationException(
            $"The dataprep returned no row for {request.ReferenceDate:yyyy-MM-dd}: the snapshot would be empty, so nothing was changed. " +
            "Check that the source data exists for that date.");

    /// <summary>Builds the snapshot; null when the dataprep returns no row for the date (nothing changed), for range builds that skip such dates.</summary>
    public async Task<Snapshot?> TryHandleAsync(BuildSnapshot request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "build snapshots");
        var watch = Stopwatch.StartNew();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scope = await ScoreScope.LoadAsync(db, request.Score, clock, ct);
        var (score, definition) = (scope.Score, scope.Definition);
        var variables = scope.Variables(request.ReferenceDate, request.RunVariables);

        await using var session = await connections.OpenAsync(definition.Connection, ct);
        var sql = SqlTemplate.RenderLiterals(definition.DataprepQuery, variables, session.Dialect);
        var table = SnapshotTables.For(score.Name, request.ReferenceDate);
        var staging = SnapshotTables.Staging(table);

        SnapshotProfile profile;
        try
        {
            await session.DropTableIfExistsAsync(staging, ct);
            await RunDataprepAsync(session, staging, sql, definition.KeyColumn, score.Name, request.ReferenceDate, ct);
            var columns = await session.TableColumnsAsync(staging, ct);
            SnapshotProfiler.Column(columns, definition.ReferenceDateColumn, "reference-date");
            profile = await SnapshotProfiler.ProfileAsync(session, staging, columns, definition, ct);
            if (profile.Rows == 0)
            {
                await DropQuietlyAsync(session, staging);
                return null;
            }

            Check(profile, definition, request.ReferenceDate);
            await session.ReplaceTableAsync(staging, table, ct);
        }
        catch
        {
            await DropQuietlyAsync(session, staging);
            throw;
        }

        var snapshot = await db.Snapshots.SingleOrDefaultAsync(s => s.ScoreId == score.Id && s.ReferenceDate == request.ReferenceDate, ct);
        snapshot ??= db.Snapshots.Add(new Snapshot
        {
            ScoreId = score.Id,
            ReferenceDate = request.ReferenceDate,
            TableName = table,
            BuiltBy = actor.Name,
        }).Entity;
        snapshot.TableName = table;
        snapshot.Rows = profile.Rows;
        snapshot.Positives = profile.Positives;
        snapshot.Columns = profile.Columns;
        snapshot.BuiltAt = time.GetUtcNow().UtcDateTime;
        // Read now: final if the label horizon has passed, else pending until a refresh (see LabelMaturity).
        snapshot.LabelsReadAt = snapshot.BuiltAt;
        snapshot.MissingLabels = 0;
        snapshot.BuiltBy = actor.Name;
        snapshot.DurationMs = watch.ElapsedMilliseconds;
        audit.Add(db, actor.Name, AuditActions.SnapshotBuilt, score.Name,
            $"{request.ReferenceDate:yyyy-MM-dd}: {profile.Rows} rows, {profile.Positives?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} positives");
        await db.SaveChangesAsync(ct);
        return snapshot;
    }

    private static async Task RunDataprepAsync(
        WarehouseSession session, string staging, RenderedSql sql, string key, string score, DateOnly date, CancellationToken ct)
    {
        try
        {
            await session.CreateTableAsAsync(staging, sql, key, ct);
        }
        catch (WarehouseException e)
        {
            throw new WarehouseException($"The dataprep of {score} for {date:yyyy-MM-dd} failed. {e.Message}", e);
        }
    }

    private static void Check(SnapshotProfile profile, ScoreDefinition definition, DateOnly date)
    {
        if (profile.TargetOutsideZeroOne > 0)
        {
            throw new CockpitValidationException(
                $"The target column '{definition.TargetColumn}' holds {profile.TargetOutsideZeroOne} values other than 0 and 1 " +
                $"for {date:yyyy-MM-dd}. The target must be 1 when the event happened, 0 otherwise.");
        }

        if (profile.MissingKeys > 0)
        {
            throw new CockpitValidationException(
                $"The key column '{definition.KeyColumn}' is empty on {profile.MissingKeys} rows for {date:yyyy-MM-dd}. " +
                "Every customer needs a key.");
        }

        if (profile.DuplicateKeys > 0)
        {
            throw new CockpitValidationException(
                $"The key column '{definition.KeyColumn}' repeats: {profile.DuplicateKeys} duplicate rows for {date:yyyy-MM-dd}. " +
                "A snapshot has one row per customer.");
        }
    }

    private static async Task DropQuietlyAsync(WarehouseSession session, string staging)
    {
        try
        {
            await session.DropTableIfExistsAsync(staging, CancellationToken.None);
        }
        catch (WarehouseException)
        {
            // The original failure matters more; a leftover staging table is replaced by the next run.
        }
    }
}
