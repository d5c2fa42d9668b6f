using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// The SQL DuckDB and PostgreSQL share: double-quoted identifiers, <c>DATE '…'</c> literals, CREATE TABLE AS,
/// DROP TABLE IF EXISTS, LIMIT, and transactional DDL so a drop and a rename swap a table atomically.
/// </summary>
public abstract class StandardSqlDialect : ISqlDialect
{
    public abstract WarehouseKind Kind { get; }

    public abstract string? ParameterMarker(string name);

    public string QuoteIdentifier(string identifier) =>
        string.Join('.', Identifiers.Validate(identifier).Select(part => $"\"{part}\""));

    public string DateLiteral(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    // The query starts on the first line so the warehouse's line numbers match the analyst's SQL.
    public string CreateTableAs(string table, string selectSql) => $"CREATE TABLE {QuoteIdentifier(table)} AS {selectSql}";

    public string DropTableIfExists(string table) => $"DROP TABLE IF EXISTS {QuoteIdentifier(table)}";

    /// <summary>
    /// Drop and rename in one transaction: the drop holds its lock until commit, so a concurrent reader
    /// waits and then reads the renamed table.
    /// </summary>
    public IReadOnlyList<string> ReplaceTable(string staging, string target)
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
