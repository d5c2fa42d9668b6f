using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scoring.Export;

/// <summary>
/// Streams a score's output table, ordered by rank, as CSV (in the request's <see cref="CsvConvention"/>) or XLSX. Reading is allowed to every signed-in person, so no
/// role is required. Two steps, so that a web download can refuse with a clear status before its first byte is sent:
/// <see cref="PrepareAsync"/> checks and sizes, <see cref="WriteAsync(ScoreExport, Stream, CancellationToken)"/> streams.
/// Memory stays flat whatever the size: rows go from the warehouse's reader to the output one by one.
/// </summary>
public sealed class ExportScoresHandler(IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections)
{
    /// <summary>Excel's last row (1,048,576) less the header.</summary>
    public const int ExcelSheetRows = 1_048_575;

    public async Task<ScoreExport> PrepareAsync(ExportScores request, CancellationToken ct = default)
    {
        ScoreDefinition definition;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            definition = ScoreRecords.Definition(await ScoreRecords.FindAsync(db, request.Score, ct));
        }

        var table = definition.EffectiveOutputTable;
        await using var session = await connections.OpenAsync(definition.Connection, ct);
        if (!await session.TableExistsAsync(table, ct))
        {
            throw new CockpitValidationException(
                $"{definition.Name} has no scores yet (no table {table} in the warehouse '{definition.Connection}'): score the customers first.");
        }

        var q = session.Dialect.QuoteIdentifier;
        var date = request.Date ?? ScoreRows.Date(await session.ScalarAsync(RenderedSql.Plain($"SELECT MAX(reference_date) FROM {q(table)}"), ct)
            ?? throw new CockpitValidationException($"{definition.Name} has no scores yet ({table} is empty): score the customers first."));
        var rows = await CountAsync(session, table, date, ct);
        if (rows == 0)
        {
            var dates = await DatesAsync(session, table, ct);
            throw new CockpitValidationException(dates.Count == 0
                ? $"{definition.Name} has no scores yet ({table} is empty): score the customers first."
                : $"{definition.Name} has no scores for {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. Dates available: " +
                  string.Join(", ", dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) + ".");
        }

        return new ScoreExport(definition.Name, request.Format, date, rows, definition.Connection, table, definition.KeyColumn)
        {
            Csv = request.Csv ?? CsvConvention.Invariant,
        };
    }

    /// <summary>Writes the file; returns the number of customers written. The stream is left open.</summary>
    public Task<long> WriteAsync(ScoreExport export, Stream output, CancellationToken ct = default) =>
        WriteAsync(export, output, ExcelSheetRows, ct);

    /// <summary>As above, with the rows per sheet as a parameter so that tests can split sheets without a million rows.</summary>
    internal async Task<long> WriteAsync(ScoreExport export, Stream output, int sheetRows, CancellationToken ct)
    {
        await using var session = await connections.OpenAsync(export.Connection, ct);

        // Counted again in this session: the sheets are planned from it, and a scoring run may have swapped the date since.
        var rows = await CountAsync(session, export.Table, export.Date, ct);
        await using var reader = await session.ReadAsync(ScoreRows.Query(session, export.Table, export.KeyColumn, export.Date), ct);
        var lines = ScoreRows.ReadAsync(reader, ct);
        return export.Format == ScoreFileFormat.Csv
            ? await ScoreCsv.WriteAsync(lines, export.KeyColumn, export.Csv, output, ct)
            : await ScoreXlsx.WriteAsync(lines, export.KeyColumn, rows, sheetRows, output, ct);
    }

    /// <summary>Prepare and write in one go (the command line, the benchmark).</summary>
    public async Task<ScoreExport> HandleAsync(ExportScores request, Stream output, CancellationToken ct = default)
    {
        var export = await PrepareAsync(request, ct);
        await WriteAsync(export, output, ct);
        return export;
    }

    private static async Task<long> CountAsync(WarehouseSession session, string table, DateOnly date, CancellationToken ct) =>
        Convert.ToInt64(await session.ScalarAsync(RenderedSql.Plain(
            $"SELECT COUNT(*) FROM {session.Dialect.QuoteIdentifier(table)} WHERE reference_date = {session.Dialect.DateLiteral(date)}"), ct),
            CultureInfo.InvariantCulture);

    private static async Task<List<DateOnly>> DatesAsync(WarehouseSession session, string table, CancellationToken ct)
    {
        var dates = new List<DateOnly>();
        await using var reader = await session.ReadAsync(RenderedSql.Plain(
            $"SELECT DISTINCT reference_date FROM {session.Dialect.QuoteIdentifier(table)} ORDER BY reference_date"), ct);
        while (await reader.ReadAsync(ct))
        {
            dates.Add(ScoreRows.Date(reader.GetValue(0)));
        }

        return dates;
    }
}
