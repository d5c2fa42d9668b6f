using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Snapshots;

/// <summary>Re-read the target of a score's snapshots whose labels have become final (a unit of work); one date, or all due.</summary>
public sealed record RefreshLabels(string Score, DateOnly? ReferenceDate = null);

/// <summary>What a refresh did to one snapshot.</summary>
public sealed record LabelRefresh(DateOnly ReferenceDate, long Rows, long Changed, long Missing, long? PositivesBefore, long Positives)
{
    public string Describe() =>
        $"{ReferenceDate:yyyy-MM-dd}: {Changed.ToString("N0", CultureInfo.InvariantCulture)} of {Rows.ToString("N0", CultureInfo.InvariantCulture)} labels changed " +
        $"(positives {PositivesBefore?.ToString("N0", CultureInfo.InvariantCulture) ?? "none"} → {Positives.ToString("N0", CultureInfo.InvariantCulture)})" +
        (Missing > 0 ? $", {Missing.ToString("N0", CultureInfo.InvariantCulture)} customers missing from the refresh are left out of evaluations" : "");
}

/// <summary>
/// Reads the target again for the same reference date — from the score's <c>labelSql</c>, else from its dataprep — into
/// a scratch table, checks it (one row per key, 0 or 1), and swaps in a copy of the snapshot whose target is replaced:
/// the features stay exactly as built, since they are what the models saw. A failure at any point leaves the snapshot
/// and its record as they were. The date's stored evaluations are removed, so the next evaluation measures the final labels.
/// </summary>
public sealed class RefreshLabelsHandler(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, AuditLog audit, TimeProvider time, CockpitClock clock)
{
    public async Task<IReadOnlyList<LabelRefresh>> HandleAsync(RefreshLabels request, Actor actor, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "refresh labels");
        return await RefreshAsync(request, actor, progress, ct);
    }

    /// <summary>Refreshes whatever is due before a training or an evaluation reads the score; nothing to do costs one query.</summary>
    internal async Task<IReadOnlyList<LabelRefresh>> RefreshDueAsync(string score, Actor actor, IProgress<string>? progress, CancellationToken ct) =>
        await RefreshAsync(new RefreshLabels(score), actor, progress, ct);

    private async Task<IReadOnlyList<LabelRefresh>> RefreshAsync(RefreshLabels request, Actor actor, IProgress<string>? progress, CancellationToken ct)
    {
        // Training and evaluation ask on every call (a backfill, once per month): answer "nothing due" from two columns.
        if (request.ReferenceDate is null && !await AnyDueAsync(request.Score, ct))
        {
            return [];
        }

        ScoreScope scope;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            scope = await ScoreScope.LoadAsync(db, request.Score, clock, ct);
        }

        var due = Due(scope, request.ReferenceDate);
        if (due.Count == 0)
        {
            return [];
        }

        var done = new List<LabelRefresh>();
        await using var session = await connections.OpenAsync(scope.Definition.Connection, ct);
        foreach (var snapshot in due)
        {
            progress?.Report($"Refreshing the labels of {scope.Score.Name} {snapshot.ReferenceDate:yyyy-MM-dd}…");
            var result = await RefreshOneAsync(session, scope, snapshot, ct);
            await RecordAsync(scope, snapshot, result, actor, ct);
            progress?.Report(result.Describe());
            done.Add(result);
        }

        return done;
    }

    private async Task<bool> AnyDueAsync(string scoreName, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        var horizon = ScoreRecords.Definition(score).Horizon;
        var read = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id)
            .Select(s => new { s.ReferenceDate, s.LabelsReadAt }).ToListAsync(ct);
        var today = clock.Today;
        return read.Any(s => LabelMaturity.IsDue(s.ReferenceDate, horizon, clock.DayOf(s.LabelsReadAt), today));
    }

    private static List<Snapshot> Due(ScoreScope scope, DateOnly? date)
    {
        if (date is not { } day)
        {
            return [.. scope.DueForRefresh];
        }

        var snapshot = scope.At(day) ?? throw new CockpitValidationException(
            $"The score '{scope.Score.Name}' has no snapshot for {day:yyyy-MM-dd}: build it first.");
        if (scope.FinalOn(day) > scope.Today)
        {
            throw new CockpitValidationException(
                $"The labels of {scope.Score.Name} {day:yyyy-MM-dd} are final only on {scope.FinalOn(day):yyyy-MM-dd}: refreshing them today would read " +
                "them incomplete again. Refresh on or after that day.");
        }

        return [snapshot];
    }

    private static async Task<LabelRefresh> RefreshOneAsync(WarehouseSession session, ScoreScope scope, Snapshot snapshot, CancellationToken ct)
    {
        var definition = scope.Definition;
        var labels = SnapshotTables.Labels(snapshot.TableName);
        var staging = SnapshotTables.Staging(snapshot.TableName);
        try
        {
            await session.DropTableIfExistsAsync(labels, ct);
            await session.DropTableIfExistsAsync(staging, ct);
            var source = string.IsNullOrWhiteSpace(definition.LabelSql) ? definition.DataprepQuery : definition.LabelSql.TrimEnd().TrimEnd(';');
            var sql = SqlTemplate.RenderLiterals(source, scope.Variables(snapshot.ReferenceDate), session.Dialect);
            try
            {
                await session.CreateTableAsAsync(labels, sql, definition.KeyColumn, ct);
            }
            catch (WarehouseException e)
            {
                var what = string.IsNullOrWhiteSpace(definition.LabelSql) ? "dataprep" : "labelSql";
                throw new WarehouseException($"The label refresh of {scope.Score.Name} {snapshot.ReferenceDate:yyyy-MM-dd} failed in its {what}. {e.Message}", e);
            }

            var columns = await session.TableColumnsAsync(snapshot.TableName, ct);
            var counts = await LabelRefreshSql.CheckAsync(session, scope, snapshot, labels, ct);
            await session.CreateTableAsAsync(staging, RenderedSql.Plain(LabelRefreshSql.Relabelled(session.Dialect, definition, columns, snapshot.TableName, labels)),
                definition.KeyColumn, ct);
            await session.ReplaceTableAsync(staging, snapshot.TableName, ct);
            return counts;
        }
        catch
        {
            await LabelRefreshSql.DropQuietlyAsync(session, staging);
            throw;
        }
        finally
        {
            await LabelRefreshSql.DropQuietlyAsync(session, labels);
        }
    }

    private async Task RecordAsync(ScoreScope scope, Snapshot snapshot, LabelRefresh result, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Snapshots.SingleAsync(s => s.Id == snapshot.Id, ct);
        stored.Positives = result.Positives;
        stored.MissingLabels = result.Missing;
        stored.LabelsReadAt = time.GetUtcNow().UtcDateTime;
        // Figures measured on the incomplete labels are not the date's figures: the next evaluation measures them again.
        await db.Evaluations.Where(e => e.ScoreId == scope.Score.Id && e.EvaluationDate == snapshot.ReferenceDate).ExecuteDeleteAsync(ct);
        audit.Add(db, actor.Name, AuditActions.LabelsRefreshed, scope.Score.Name, result.Describe());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
