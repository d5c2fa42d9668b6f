using System.Data.Common;
using DuckDB.NET.Data;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>Appends rows of text (null for NULL) to a staging table that has one text column per CSV column.</summary>
internal abstract class StagingWriter : IAsyncDisposable
{
    public static StagingWriter Create(WarehouseSession session, string table, IReadOnlyList<string> columns, bool preferInserts = false) =>
        session.Connection is DuckDBConnection duck && !preferInserts
            ? new DuckDbAppenderWriter(duck, session, table)
            : new InsertBatchWriter(session, table, columns);

    public abstract ValueTask WriteAsync(IReadOnlyList<string?> row, CancellationToken ct);

    /// <summary>Flushes what is buffered; the rows are in the table when this returns.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>DuckDB's appender: the fastest way in, row by row from the stream.</summary>
internal sealed class DuckDbAppenderWriter : StagingWriter
{
    private readonly DuckDBAppender appender;
    private readonly WarehouseSession session;

    public DuckDbAppenderWriter(DuckDBConnection connection, WarehouseSession session, string table)
    {
        this.session = session;
        var parts = Identifiers.Validate(table, "table name");
        appender = Guard(() => parts.Length == 2
            ? connection.CreateAppender(parts[0], parts[1])
            : connection.CreateAppender(null!, parts[0]));
    }

    public override ValueTask WriteAsync(IReadOnlyList<string?> row, CancellationToken ct)
    {
        var appended = appender.CreateRow();
        for (var i = 0; i < row.Count; i++)
        {
            appended = row[i] is { } value ? appended.AppendValue(value) : appended.AppendNullValue();
        }

        Guard(() =>
        {
            appended.EndRow();
            return 0;
        });
        return ValueTask.CompletedTask;
    }

    public override ValueTask CompleteAsync(CancellationToken ct)
    {
        Guard(() =>
        {
            appender.Close();
            return 0;
        });
        return ValueTask.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        appender.Dispose();
        return ValueTask.CompletedTask;
    }

    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (DbException e)
        {
            throw new WarehouseException($"The warehouse '{session.Info.Name}' refused the imported rows: {e.Message.Trim()}", e);
        }
    }
}

/// <summary>Any other warehouse: multi-row INSERTs with bound parameters, a few hundred rows at a time.</summary>
internal sealed class InsertBatchWriter(WarehouseSession session, string table, IReadOnlyList<string> columns) : StagingWriter
{
    /// <summary>SQL Server binds at most 2,100 parameters and inserts at most 1,000 rows per VALUES list.</summary>
    private const int MaxParameters = 2000;

    // Teradata's INSERT takes one row of VALUES.
    private readonly int batchRows = session.Dialect.Kind == WarehouseKind.Teradata
        ? 1
        : Math.Clamp(MaxParameters / Math.Max(1, columns.Count), 1, 1000);
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
