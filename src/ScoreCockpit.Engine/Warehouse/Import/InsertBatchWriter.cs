namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>Multi-row INSERTs with bound parameters, a few hundred rows at a time (PostgreSQL).</summary>
internal sealed class InsertBatchWriter(WarehouseSession session, string table, IReadOnlyList<string> columns) : StagingWriter
{
    /// <summary>SQL Server binds at most 2,100 parameters and inserts at most 1,000 rows per VALUES list.</summary>
    private const int MaxParameters = 2000;

    private readonly int batchRows = Math.Clamp(MaxParameters / Math.Max(1, columns.Count), 1, 1000);
    private readonly List<SqlParameterValue> pending = [];
    private string? fullBatchSql;
    private int rows;

    public override async ValueTask WriteAsync(IReadOnlyList<string?> row, CancellationToken ct)
    {
        foreach (var value in row)
        {
            pending.Add(new SqlParameterValue(ImportSql.ParameterName(pending.Count), (object?)value ?? DBNull.Value));
        }

        if (++rows == batchRows)
        {
            await FlushAsync(ct);
        }
    }

    public override async ValueTask CompleteAsync(CancellationToken ct) => await FlushAsync(ct);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task FlushAsync(CancellationToken ct)
    {
        if (rows == 0)
        {
            return;
        }

        var sql = rows == batchRows
            ? fullBatchSql ??= ImportSql.InsertRows(session.Dialect, table, columns, batchRows)
            : ImportSql.InsertRows(session.Dialect, table, columns, rows);
        await session.ExecuteAsync(new RenderedSql(sql, [.. pending]), ct);
        pending.Clear();
        rows = 0;
    }
}
