using System.Data.Common;
using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// The SQL DuckDB and PostgreSQL share: double-quoted identifiers, <c>DATE '…'</c> literals, CREATE TABLE AS (which takes
/// a query starting with WITH as it is), DROP TABLE IF EXISTS, LIMIT, and transactional DDL so a drop and a rename swap a
/// table atomically. Both bind parameters without a small limit, so bulk rows go as bound multi-row INSERTs.
/// </summary>
public abstract class StandardSqlDialect : ISqlDialect
{
    public abstract WarehouseKind Kind { get; }

    public abstract string? ParameterMarker(string name);

    public abstract string FloatType { get; }

    public string BigIntType => "BIGINT";

    public string IntegerType => "INTEGER";

    public string BooleanType => "BOOLEAN";

    public string TimestampType => "TIMESTAMP";

    public int LiteralRowsPerStatement => int.MaxValue;

    public bool InsertsLiterals => false;

    public abstract string TextType(int? length = null);

    public abstract string? KeySampleHash(string keyExpression, int seed);

    public string QuoteIdentifier(string identifier) =>
        string.Join('.', Identifiers.Validate(identifier).Select(part => $"\"{part}\""));

    public string DateLiteral(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    public string TextLiteral(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    public string CreateTable(string table, IEnumerable<string> columnDefinitions, string? key = null) =>
        $"CREATE TABLE {QuoteIdentifier(table)} ({string.Join(", ", columnDefinitions)})";

    // The query starts on the first line so the warehouse's line numbers match the analyst's SQL. The key needs no
    // clause: neither engine distributes rows.
    public string CreateTableAs(string table, string selectSql, string? key = null) => $"CREATE TABLE {QuoteIdentifier(table)} AS {selectSql}";

    public string DropTableIfExists(string table) => $"DROP TABLE IF EXISTS {QuoteIdentifier(table)}";

    public bool IsMissingObject(DbException error) => false;

    // Their messages already say what is wrong in plain words.
    public string? Advice(DbException error) => null;

    /// <summary>
    /// Drop and rename in one transaction: the drop holds its lock until commit, so a concurrent reader
    /// waits and then reads the renamed table. IF EXISTS makes it work when the target is not there yet.
    /// </summary>
    public IReadOnlyList<string> ReplaceTable(string staging, string target, bool targetExists = true)
    {
        var unqualifiedTarget = Identifiers.RenamedName(staging, target);
        return
        [
            DropTableIfExists(target),
            $"ALTER TABLE {QuoteIdentifier(staging)} RENAME TO \"{unqualifiedTarget}\"",
        ];
    }

    // The closing parenthesis is on its own line so a trailing "-- comment" in the query cannot swallow it.
    public string LimitRows(string selectSql, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return $"SELECT * FROM ({selectSql}\n) AS limited LIMIT {rows}";
    }
}
