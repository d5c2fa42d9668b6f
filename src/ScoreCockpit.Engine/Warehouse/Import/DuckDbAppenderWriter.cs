using System.Data.Common;
using DuckDB.NET.Data;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>DuckDB's appender: the fastest way in, row by row from the stream.</summary>
internal sealed class DuckDbAppenderWriter : StagingWriter
{
    private readonly DuckDBAppender appender;
    private readonly WarehouseSession session;

    public DuckDbAppenderWriter(DuckDBConnection connection, WarehouseSession session, string table)
    {
        this.session = session;
        appender = Guard(() => Open(connection, table));
    }

    /// <summary>An appender on a table named as the cockpit names tables (schema.table or table).</summary>
    public static DuckDBAppender Open(DuckDBConnection connection, string table)
    {
        var parts = Identifiers.Validate(table, "table name");
        return parts.Length == 2 ? connection.CreateAppender(parts[0], parts[1]) : connection.CreateAppender(null!, parts[0]);
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
