using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// PostgreSQL through Npgsql: named parameters (<c>@name</c>), double-quoted identifiers, transactional DDL.
/// Quoted identifiers are case-sensitive here: <c>"Scores"</c> and an analyst's unquoted <c>scores</c> are two tables.
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public WarehouseKind Kind => WarehouseKind.Postgres;

    public string QuoteIdentifier(string identifier) =>
        string.Join('.', Identifiers.Validate(identifier).Select(part => $"\"{part}\""));

    public string DateLiteral(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    public string? ParameterMarker(string name) => "@" + name;

    // The query starts on the first line so the warehouse's line numbers match the analyst's SQL.
    public string CreateTableAs(string table, string selectSql) => $"CREATE TABLE {QuoteIdentifier(table)} AS {selectSql}";

    public string DropTableIfExists(string table) => $"DROP TABLE IF EXISTS {QuoteIdentifier(table)}";

    /// <summary>
    /// Drop and rename in one transaction: PostgreSQL's DDL is transactional and the drop holds an exclusive lock
    /// until commit, so a concurrent reader waits and then reads the renamed table.
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
