using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>One open connection to a warehouse with its dialect. Reads stream through data readers.</summary>
public sealed class WarehouseSession(DbConnection connection, ISqlDialect dialect, WarehouseConnectionInfo info) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;
    public ISqlDialect Dialect { get; } = dialect;
    public WarehouseConnectionInfo Info { get; } = info;

    public Task<int> ExecuteAsync(RenderedSql sql, CancellationToken ct = default) => ExecuteAsync(sql, null, ct);

    private async Task<int> ExecuteAsync(RenderedSql sql, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = Command(sql, transaction);
        try
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
        catch (DbException e)
        {
            throw Failed(e);
        }
    }

    public Task<int> ExecuteAsync(string sql, CancellationToken ct = default) => ExecuteAsync(RenderedSql.Plain(sql), ct);

    /// <summary>A forward-only reader; the caller disposes it before the next command.</summary>
    public async Task<DbDataReader> ReadAsync(RenderedSql sql, CancellationToken ct = default)
    {
        var command = Command(sql, null);
        if (Info.Kind == WarehouseKind.DuckDb)
        {
            StreamRows(command);
        }

        try
        {
            return await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        }
        catch (DbException e)
        {
            await command.DisposeAsync();
            throw Failed(e);
        }
    }

    // Apart, and only for DuckDB: naming DuckDB's command type where every warehouse passes would load its client
    // into a process that talks to PostgreSQL.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StreamRows(DbCommand command)
    {
        if (command is DuckDB.NET.Data.DuckDBCommand duck)
        {
            // Rows as they come, not the whole result materialised first: a million-row snapshot would otherwise
            // sit in memory before the first row is read. Safe because a reader is disposed before the next command.
            duck.UseStreamingMode = true;
        }
    }

    public async Task<object?> ScalarAsync(RenderedSql sql, CancellationToken ct = default)
    {
        await using var command = Command(sql, null);
        try
        {
            var value = await command.ExecuteScalarAsync(ct);
            return value is DBNull ? null : value;
        }
        catch (DbException e)
        {
            throw Failed(e);
        }
    }

    /// <summary>Runs statements in one transaction: all of them take effect, or none.</summary>
    public async Task ExecuteAtomicallyAsync(IEnumerable<string> statements, CancellationToken ct = default)
    {
        await using var transaction = await Connection.BeginTransactionAsync(ct);
        foreach (var statement in statements)
        {
            await ExecuteAsync(RenderedSql.Plain(statement), transaction, ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Drops the table when it exists; a missing table is not an error, on any warehouse.</summary>
    public async Task DropTableIfExistsAsync(string table, CancellationToken ct = default)
    {
        try
        {
            await ExecuteAsync(Dialect.DropTableIfExists(table), ct);
        }
        catch (WarehouseException e) when (e.InnerException is DbException error && Dialect.IsMissingObject(error))
        {
            // A warehouse without IF EXISTS said the table is not there: that is what was asked.
        }
    }

    /// <summary>
    /// Puts <paramref name="staging"/> in place of <paramref name="target"/> so readers see the old table or the new one,
    /// never a half-written one; also when the target does not exist yet.
    /// </summary>
    public async Task ReplaceTableAsync(string staging, string target, CancellationToken ct = default)
    {
        var targetExists = await TableExistsAsync(target, ct);
        await ExecuteAtomicallyAsync(Dialect.ReplaceTable(staging, target, targetExists), ct);
    }

    /// <summary>Materialises a query into a new table, distributed on <paramref name="key"/> where the warehouse does that.</summary>
    public Task<int> CreateTableAsAsync(string table, RenderedSql select, string? key, CancellationToken ct = default) =>
        ExecuteAsync(select with { Sql = Dialect.CreateTableAs(table, select.Sql, key) }, ct);

    /// <summary>The columns a query returns, without reading its rows.</summary>
    public async Task<IReadOnlyList<WarehouseColumn>> ColumnsAsync(RenderedSql query, CancellationToken ct = default)
    {
        var probe = query with { Sql = Dialect.LimitRows(query.Sql, 0) };
        await using var reader = await ReadAsync(probe, ct);
        var columns = new List<WarehouseColumn>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            columns.Add(new WarehouseColumn(reader.GetName(i), reader.GetFieldType(i), reader.GetDataTypeName(i)));
        }

        return columns;
    }

    public Task<IReadOnlyList<WarehouseColumn>> TableColumnsAsync(string table, CancellationToken ct = default) =>
        ColumnsAsync(RenderedSql.Plain($"SELECT * FROM {Dialect.QuoteIdentifier(table)}"), ct);

    public async Task<bool> TableExistsAsync(string table, CancellationToken ct = default)
    {
        try
        {
            await TableColumnsAsync(table, ct);
            return true;
        }
        catch (WarehouseException)
        {
            return false;
        }
    }

    public async Task<long> CountRowsAsync(string table, CancellationToken ct = default) =>
        Convert.ToInt64(await ScalarAsync(RenderedSql.Plain($"SELECT COUNT(*) FROM {Dialect.QuoteIdentifier(table)}"), ct),
            System.Globalization.CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private DbCommand Command(RenderedSql sql, DbTransaction? transaction)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql.Sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        foreach (var parameter in sql.Parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = parameter.Name;
            p.Value = parameter.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    private WarehouseException Failed(DbException e) =>
        new($"The warehouse '{Info.Name}' ({Info.Kind}) refused the SQL: {WithAdvice(Dialect, e)}", e);

    /// <summary>The warehouse's own words, followed by what to do when the dialect knows the error.</summary>
    internal static string WithAdvice(ISqlDialect dialect, DbException e)
    {
        var words = e.Message.Trim();
        return dialect.Advice(e) is { } advice ? $"{words.TrimEnd('.')}. {advice}" : words;
    }
}
