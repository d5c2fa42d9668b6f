namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>The SQL an import needs beyond <see cref="ISqlDialect"/>: the casts from staged text to inferred types.</summary>
internal static class ImportSql
{
    public static string TypeName(CsvColumnType type, ISqlDialect dialect) => type switch
    {
        CsvColumnType.Integer => dialect.BigIntType,
        CsvColumnType.Double => dialect.FloatType,
        CsvColumnType.Boolean => dialect.BooleanType,
        CsvColumnType.Date => "DATE",
        CsvColumnType.Timestamp => dialect.TimestampType,
        _ => dialect.TextType(),
    };

    public static string CreateTextTable(ISqlDialect dialect, string table, IEnumerable<string> columns) =>
        dialect.CreateTable(table, columns.Select(c => $"{dialect.QuoteIdentifier(c)} {dialect.TextType()}"));

    /// <summary>
    /// SELECT with every staged text column cast to its inferred type, under its own name. A column whose decimals are
    /// written with a comma has it replaced by a point before the cast, which every engine reads the same way.
    /// </summary>
    public static string SelectTyped(
        ISqlDialect dialect, string staging, IReadOnlyList<(string Name, CsvColumnType Type, CsvDateOrder Order, bool DecimalComma)> columns) =>
        "SELECT " + string.Join(",\n       ", columns.Select(c => $"{Cast(dialect, c.Name, c.Type, c.Order, c.DecimalComma)} AS {dialect.QuoteIdentifier(c.Name)}")) +
        $"\nFROM {dialect.QuoteIdentifier(staging)}";

    private static string Cast(ISqlDialect dialect, string column, CsvColumnType type, CsvDateOrder order, bool decimalComma)
    {
        var quoted = dialect.QuoteIdentifier(column);
        var value = $"NULLIF(TRIM({quoted}), '')";
        var typeName = TypeName(type, dialect);
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
            CsvColumnType.Double when decimalComma => $"CAST(REPLACE({value}, ',', '.') AS {typeName})",
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
