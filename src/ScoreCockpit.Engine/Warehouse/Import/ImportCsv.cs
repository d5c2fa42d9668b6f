using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>
/// Import one CSV file into <paramref name="Warehouse"/>. <paramref name="SourceName"/> is what the audit log and
/// messages call the file (an upload's file name, or a path).
/// </summary>
public sealed record ImportCsv(WarehouseConnectionInfo Warehouse, string SourceName, CsvImportOptions Options);

/// <summary>
/// Brings a person's own data into the warehouse: the portal's upload page and `scorecockpit import-csv` both call
/// this with a stream (read once, front to back). Analysts only; every import is audited.
/// </summary>
public sealed class ImportCsvHandler(WarehouseConnector connector, AuditLog audit, TimeProvider time)
{
    public async Task<CsvImportResult> HandleAsync(ImportCsv request, Stream content, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "import data into the warehouse");
        request.Options.Validate();
        CsvImportResult result;
        await using (var session = await connector.OpenAsync(request.Warehouse, ct))
        {
            result = await new CsvImporter(time).ImportAsync(session, content, request.Options, ct);
        }

        // The table is in place: the audit line is written even if the caller gives up now.
        await audit.WriteAsync(actor.Name, AuditActions.DataImported, $"{result.Table} (warehouse {request.Warehouse.Name})",
            string.Create(CultureInfo.InvariantCulture,
                $"{request.SourceName}: {result.RowsImported} rows, {result.Columns.Count} columns, " +
                $"{result.RejectedLineCount} rejected lines{(result.ReplacedExistingTable ? ", replaced the table" : "")}"),
            CancellationToken.None);
        return result;
    }
}
