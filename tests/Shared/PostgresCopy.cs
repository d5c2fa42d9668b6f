using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Tests.Shared;

/// <summary>
/// DuckDB tables (the benchmarks' generated ones, the demo's snapshots) copied to PostgreSQL through a CSV file: DuckDB
/// writes it on both cores, and it is streamed to the server's COPY FROM STDIN (the server runs as another user, who
/// may not read this process's files).
/// </summary>
public static class PostgresCopy
{
    public static async Task CopyAsync(WarehouseSession duck, WarehouseSession pg, string table, string folder, CancellationToken ct = default)
    {
        var columns = await duck.TableColumnsAsync(table, ct);
        var definitions = columns.Select(c => $"{pg.Dialect.QuoteIdentifier(c.Name)} {Type(c)}");
        await pg.ExecuteAsync($"DROP TABLE IF EXISTS {table}", ct);
        await pg.ExecuteAsync($"CREATE TABLE {table} ({string.Join(", ", definitions)})", ct);
        var csv = Path.Combine(folder, $"{table}.csv");
        await duck.ExecuteAsync($"COPY {table} TO '{csv}' (HEADER, DELIMITER ',')", ct);
        var connection = (Npgsql.NpgsqlConnection)pg.Connection;
        using (var reader = new StreamReader(csv))
        await using (var writer = await connection.BeginTextImportAsync($"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)", ct))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer, ct)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }

        await pg.ExecuteAsync($"ANALYZE {table}", ct);
        File.Delete(csv);
    }

    private static string Type(WarehouseColumn column) => column.ClrType switch
    {
        var t when t == typeof(long) => "BIGINT",
        var t when t == typeof(int) || t == typeof(short) || t == typeof(byte) => "INTEGER",
        var t when t == typeof(float) => "REAL",
        var t when t == typeof(double) || t == typeof(decimal) => "DOUBLE PRECISION",
        var t when t == typeof(bool) => "BOOLEAN",
        var t when t == typeof(DateOnly) || t == typeof(DateTime) => "DATE",
        _ => "TEXT",
    };
}
