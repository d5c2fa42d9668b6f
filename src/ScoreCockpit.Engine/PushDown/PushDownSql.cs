using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.PushDown;

/// <summary>The expressions an in-warehouse run writes beyond the plan itself, per warehouse.</summary>
internal static class PushDownSql
{
    /// <summary>A number as DOUBLE: an integer or a count divided in SQL must not be divided as integers.</summary>
    public static string AsDouble(ISqlDialect dialect, string expression) => $"CAST({expression} AS {dialect.FloatType})";

    /// <summary>
    /// A key as the kernel's runs hold it: its invariant text, "" for NULL. Only integer and text keys are pushed down:
    /// the text of a decimal or a date differs between a warehouse and .NET.
    /// </summary>
    public static string KeyText(ISqlDialect dialect, string keyExpression) =>
        $"COALESCE(CAST({keyExpression} AS {dialect.TextType(Scoring.ScoreOutput.KeyLength)}), '')";

    /// <summary>Texts ordered by code point, as the kernel's ordinal comparison of keys does, whatever the database's collation.</summary>
    public static string Ordinal(ISqlDialect dialect, string textExpression) => dialect.Kind switch
    {
        WarehouseKind.Postgres => $"{textExpression} COLLATE \"C\"",
        WarehouseKind.SqlServer => $"{textExpression} COLLATE Latin1_General_100_BIN2",
        _ => textExpression,
    };

    /// <summary>
    /// A column's value as the model reads it: rounded to float, non-finite as NULL. Guarded so that no warehouse
    /// raises an overflow on a value beyond float's range (it is infinite to the model: missing) or an underflow on a
    /// tiny one (kept as is: it lands in the same bin).
    /// </summary>
    public static string AsFloat(ISqlDialect dialect, string column, bool boolean)
    {
        var d = dialect.FloatType;
        var value = boolean ? $"CASE WHEN {column} THEN 1.0 WHEN NOT {column} THEN 0.0 END" : $"CAST({column} AS {d})";
        var real = dialect.Kind == WarehouseKind.Teradata ? value : $"CAST(CAST({value} AS REAL) AS {d})";
        return $"CASE WHEN {value} IS NULL OR NOT ({Finite(dialect, value)}) THEN NULL "
            + $"WHEN ABS({value}) >= 3.4028235677973366E+38 THEN NULL WHEN ABS({value}) < 1.0E-30 THEN {value} ELSE {real} END";
    }

    /// <summary>True for a DOUBLE that is neither NaN nor infinite; SQL Server and Teradata hold no such values.</summary>
    public static string Finite(ISqlDialect dialect, string value) => dialect.Kind switch
    {
        WarehouseKind.DuckDb => $"isfinite({value})",
        WarehouseKind.Postgres => $"{value} NOT IN (CAST('NaN' AS DOUBLE PRECISION), CAST('Infinity' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION))",
        _ => "1 = 1",
    };

    /// <summary>True for a column type the warehouse reports as boolean, which SQL cannot cast straight to a number everywhere.</summary>
    public static bool IsBoolean(WarehouseColumn column) => column.ClrType == typeof(bool);

    /// <summary>Whether SQL writes a column's text as .NET does (a key, a category): text and integers.</summary>
    public static bool HasPortableText(WarehouseColumn column) =>
        column.ClrType == typeof(string) || column.ClrType == typeof(long) || column.ClrType == typeof(int) || column.ClrType == typeof(short)
        || column.ClrType == typeof(byte) || column.ClrType == typeof(sbyte) || column.ClrType == typeof(ulong) || column.ClrType == typeof(uint)
        || column.ClrType == typeof(ushort);

    /// <summary>A column's value as category text, as the kernel reads it: invariant text, "" when missing.</summary>
    public static string CategoryText(ISqlDialect dialect, WarehouseColumn column, string quoted) => IsBoolean(column)
        ? $"CASE WHEN {quoted} THEN 'True' WHEN NOT {quoted} THEN 'False' ELSE '' END"
        : $"COALESCE(CAST({quoted} AS {dialect.TextType()}), '')";


    /// <summary>A count read back: DuckDB sums integers into a HUGEINT, which .NET reads as a BigInteger.</summary>
    public static long Count(object? value) => value switch
    {
        null or DBNull => 0,
        System.Numerics.BigInteger big => (long)big,
        _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
