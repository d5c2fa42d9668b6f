using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Import;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

/// <summary>
/// A warehouse of its own for one test, to import into and look at: a DuckDB file in a temp folder, or a new
/// database in the shared PostgreSQL cluster. Every call opens its own session, as separate requests would.
/// </summary>
public sealed class ImportWarehouse : IAsyncDisposable
{
    private readonly TempFolder folder = new();

    private ImportWarehouse(WarehouseConnectionInfo info) => Info = info;

    public static TheoryData<WarehouseKind> Kinds => new(WarehouseKind.DuckDb, WarehouseKind.Postgres);

    public WarehouseConnectionInfo Info { get; private set; }

    public WarehouseConnector Connector { get; } = new(NullLogger<WarehouseConnector>.Instance);

    /// <summary>The clock of every import: each one "takes" exactly 1.5 s.</summary>
    public FakeTimeProvider Time { get; } = new() { AutoAdvanceAmount = TimeSpan.FromSeconds(1.5) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ImportWarehouse> CreateAsync(WarehouseKind kind = WarehouseKind.DuckDb, PostgresClusterFixture? postgres = null)
    {
        var warehouse = new ImportWarehouse(null!);
        warehouse.Info = kind switch
        {
            WarehouseKind.DuckDb => new WarehouseConnectionInfo("test", kind, $"Data Source={warehouse.folder.File("warehouse.duckdb")}"),
            WarehouseKind.Postgres => new WarehouseConnectionInfo("test", kind,
                await (await postgres!.GetClusterAsync()).CreateDatabaseAsync($"import_{Guid.NewGuid():N}", Ct)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Import tests run on DuckDB and PostgreSQL."),
        };
        return warehouse;
    }

    public Task<CsvImportResult> ImportAsync(string csv, CsvImportOptions options, bool preferInserts = false) =>
        ImportAsync(Encoding.UTF8.GetBytes(csv), options, preferInserts);

    public async Task<CsvImportResult> ImportAsync(byte[] csv, CsvImportOptions options, bool preferInserts = false)
    {
        await using var stream = new MemoryStream(csv);
        return await ImportAsync(stream, options, preferInserts, Ct);
    }

    public async Task<CsvImportResult> ImportAsync(Stream csv, CsvImportOptions options, bool preferInserts, CancellationToken ct)
    {
        await using var session = await Connector.OpenAsync(Info, ct);
        return await new CsvImporter(Time) { PreferInserts = preferInserts }.ImportAsync(session, csv, options, ct);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var session = await Connector.OpenAsync(Info, Ct);
        await session.ExecuteAsync(sql, Ct);
    }

    /// <summary>Every row of the query, values as the provider returns them (DBNull as null).</summary>
    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var session = await Connector.OpenAsync(Info, Ct);
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), Ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, Ct) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every table of the warehouse (user schemas), as schema.table, sorted.</summary>
    public async Task<List<string>> TablesAsync()
    {
        var rows = await RowsAsync(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables " +
            "WHERE table_schema NOT IN ('information_schema', 'pg_catalog') ORDER BY 1");
        return [.. rows.Select(r => (string)r[0]!)];
    }

    /// <summary>Every table, without the default schema's prefix (main. in DuckDB, public. in PostgreSQL).</summary>
    public async Task<List<string>> UserTablesAsync() =>
        [.. (await TablesAsync()).Select(t => t.StartsWith("main.", StringComparison.Ordinal) || t.StartsWith("public.", StringComparison.Ordinal)
            ? t[(t.IndexOf('.', StringComparison.Ordinal) + 1)..]
            : t)];

    /// <summary>Column name → the warehouse's own type name, in table order.</summary>
    public async Task<List<(string Name, string Type)>> ColumnsAsync(string table)
    {
        var rows = await RowsAsync(
            "SELECT column_name, data_type FROM information_schema.columns " +
            $"WHERE table_name = '{table}' ORDER BY ordinal_position");
        return [.. rows.Select(r => ((string)r[0]!, ((string)r[1]!).ToUpperInvariant()))];
    }

    public async ValueTask DisposeAsync()
    {
        if (Info?.Kind == WarehouseKind.Postgres)
        {
            using var connection = new NpgsqlConnection(Info.ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await ValueTask.CompletedTask;
        folder.Dispose();
    }

    /// <summary>Reads like an upload: a few KB at a time, cancelling the token once <paramref name="cancelAfterBytes"/> went by.</summary>
    public sealed class CancellingStream(byte[] bytes, long cancelAfterBytes, CancellationTokenSource cancel) : MemoryStream(bytes, writable: false)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= cancelAfterBytes)
            {
                await cancel.CancelAsync();
            }

            cancellationToken.ThrowIfCancellationRequested();
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
        }
    }
}
