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

    public string CreateTableAs(string table, string selectSql) => $"CREATE TABLE {QuoteIdentifier(table)} AS\n{selectSql}";

    public string DropTableIfExists(string table) => $"DROP TABLE IF EXISTS {QuoteIdentifier(table)}";

    public IReadOnlyList<string> ReplaceTable(string staging, string target)
    {
        var unqualifiedTarget = Identifiers.Validate(target)[^1];
        return
        [
            DropTableIfExists(target),
            $"ALTER TABLE {QuoteIdentifier(staging)} RENAME TO \"{unqualifiedTarget}\"",
        ];
    }

    public string LimitRows(string selectSql, int rows) => $"SELECT * FROM (\n{selectSql}\n) AS limited LIMIT {rows}";
}
