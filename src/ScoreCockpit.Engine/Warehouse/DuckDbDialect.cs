using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>DuckDB: the embedded default warehouse.</summary>
public sealed class DuckDbDialect : ISqlDialect
{
    public static DuckDbDialect Instance { get; } = new();

    public WarehouseKind Kind => WarehouseKind.DuckDb;

    public string QuoteIdentifier(string identifier) =>
        string.Join('.', Identifiers.Validate(identifier).Select(part => $"\"{part}\""));

    public string DateLiteral(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    public string? ParameterMarker(string name) => "$" + name;

    // The query starts on the first line so the warehouse's line numbers match the analyst's SQL.
    public string CreateTableAs(string table, string selectSql) => $"CREATE TABLE {QuoteIdentifier(table)} AS {selectSql}";

    public string DropTableIfExists(string table) => $"DROP TABLE IF EXISTS {QuoteIdentifier(table)}";

    public IReadOnlyList<string> ReplaceTable(string staging, string target)
    {
        var unqualifiedTarget = Identifiers.RenamedName(staging, target);
        return
        [
            DropTableIfExists(target),
            $"ALTER TABLE {QuoteIdentifier(staging)} RENAME TO \"{unqualifiedTarget}\"",
        ];
    }

    // As in CreateTableAs, the query starts on the first line; the closing parenthesis is on its own line so a
    // trailing "-- comment" in the query cannot swallow it.
    public string LimitRows(string selectSql, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return $"SELECT * FROM ({selectSql}\n) AS limited LIMIT {rows}";
    }
}
