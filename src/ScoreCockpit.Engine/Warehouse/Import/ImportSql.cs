namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>
/// The SQL an import needs beyond <see cref="ISqlDialect"/>: column types and the casts from staged text.
/// Only DuckDB is exercised today; the other engines' spellings are here so their dialects can take them over.
/// </summary>
internal static class ImportSql
{
    public static string TextType(WarehouseKind kind) => kind switch
    {
        WarehouseKind.Postgres => "TEXT",
        WarehouseKind.SqlServer => "NVARCHAR(MAX)",
        WarehouseKind.Teradata => "VARCHAR(32000) CHARACTER SET UNICODE",
        _ => "VARCHAR",
    };

    public static string TypeName(CsvColumnType type, WarehouseKind kind) => type switch
    {
        CsvColumnType.Integer => "BIGINT",
        CsvColumnType.Double => kind switch
        {
            WarehouseKind.Postgres => "DOUBLE PRECISION",
            WarehouseKind.SqlServer or WarehouseKind.Teradata => "FLOAT",
            _ => "DOUBLE",
        },
        CsvColumnType.Boolean => kind switch
        {
            WarehouseKind.SqlServer => "BIT",
            WarehouseKind.Teradata => "BYTEINT",
            _ => "BOOLEAN",
        },
        CsvColumnType.Date => "DATE",
        CsvColumnType.Timestamp => kind == WarehouseKind.SqlServer ? "DATETIME2" : "TIMESTAMP",
        _ => TextType(kind),
    };

    public static string CreateTextTable(ISqlDialect dialect, string table, IEnumerable<string> columns) =>
        $"CREATE TABLE {dialect.QuoteIdentifier(table)} (" +
        string.Join(", ", columns.Select(c => $"{dialect.QuoteIdentifier(c)} {TextType(dialect.Kind)}")) + ")";

    /// <summary>SELECT with every staged text column cast to its inferred type, under its own name.</summary>
    public static string SelectTyped(ISqlDialect dialect, string staging, IReadOnlyList<(string Name, CsvColumnType Type, CsvDateOrder Order)> columns) =>
        "SELECT " + string.Join(",\n       ", columns.Select(c => $"{Cast(dialect, c.Name, c.Type, c.Order)} AS {dialect.QuoteIdentifier(c.Name)}")) +
        $"\nFROM {dialect.QuoteIdentifier(staging)}";

    private static string Cast(ISqlDialect dialect, string column, CsvColumnType type, CsvDateOrder order)
    {
        var quoted = dialect.QuoteIdentifier(column);
        var value = $"NULLIF(TRIM({quoted}), '')";
        var typeName = TypeName(type, dialect.Kind);
        return type switch
        {
            CsvColumnType.Text => quoted,
            CsvColumnType.Boolean =>
                $"CAST(CASE WHEN LOWER(TRIM({quoted})) IN ('true', 'yes', '1') THEN 1 " +
                $"WHEN LOWER(TRIM({quoted})) IN ('false', 'no', '0') THEN 0 END AS {typeName})",
            // dd/MM/yyyy and MM/dd/yyyy are rebuilt as yyyy-MM-dd, which every engine casts the same way (CONCAT makes NULL parts empty).
            CsvColumnType.Date when order == CsvDateOrder.DayFirst =>
                $"CAST(NULLIF(CONCAT(SUBSTRING({value}, 7, 4), '-', SUBSTRING({value}, 4, 2), '-', SUBSTRING({value}, 1, 2)), '--') AS DATE)",
            CsvColumnType.Date when order == CsvDateOrder.MonthFirst =>
                $"CAST(NULLIF(CONCAT(SUBSTRING({value}, 7, 4), '-', SUBSTRING({value}, 1, 2), '-', SUBSTRING({value}, 4, 2)), '--') AS DATE)",
            _ => $"CAST({value} AS {typeName})",
        };
    }

    /// <summary>A multi-row INSERT of <paramref name="rows"/> rows with one bound parameter per value.</summary>
    public static string InsertRows(ISqlDialect dialect, string table, IReadOnlyList<string> columns, int rows)
    {
        var values = Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", columns.Select((_, c) => dialect.ParameterMarker(ParameterName(r * columns.Count + c)) ?? "?")) + ")");
        return $"INSERT INTO {dialect.QuoteIdentifier(table)} (" + string.Join(", ", columns.Select(dialect.QuoteIdentifier)) +
            ") VALUES " + string.Join(", ", values);
    }

    public static string ParameterName(int index) => "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
