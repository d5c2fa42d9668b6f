using DuckDB.NET.Data;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>How rows reach a staging table.</summary>
internal enum StagingWay
{
    Best,
    Parameters,
    Literals,
}

/// <summary>Appends rows of text (null for NULL) to a staging table that has one text column per CSV column.</summary>
internal abstract class StagingWriter : IAsyncDisposable
{
    /// <summary>
    /// The fastest way the warehouse offers: DuckDB's appender, literal requests where the dialect asks for them (SQL Server,
    /// Teradata), otherwise multi-row INSERTs with bound parameters. Tests force a way to run it on the warehouses they have.
    /// </summary>
    public static StagingWriter Create(WarehouseSession session, string table, IReadOnlyList<string> columns,
        StagingWay way = StagingWay.Best) => way switch
        {
            StagingWay.Best when session.Connection is DuckDBConnection duck => new DuckDbAppenderWriter(duck, session, table),
            StagingWay.Literals => new LiteralBatchWriter(session, table, columns),
            StagingWay.Best when session.Dialect.InsertsLiterals => new LiteralBatchWriter(session, table, columns),
            _ => new InsertBatchWriter(session, table, columns),
        };

    public abstract ValueTask WriteAsync(IReadOnlyList<string?> row, CancellationToken ct);

    /// <summary>Flushes what is buffered; the rows are in the table when this returns.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
