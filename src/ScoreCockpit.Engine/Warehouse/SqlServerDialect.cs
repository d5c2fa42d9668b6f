using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// SQL Server through Microsoft.Data.SqlClient: named parameters (<c>@name</c>) and bracketed identifiers. A <c>]</c>
/// inside a name would need doubling, but validated identifiers never hold one. Needs SQL Server 2016 or later
/// (DROP TABLE IF EXISTS). A derived table cannot hold a WITH clause or an ORDER BY without TOP, so queries passed to
/// <see cref="CreateTableAs"/> and <see cref="LimitRows"/> must be plain SELECTs.
/// </summary>
public sealed class SqlServerDialect : ISqlDialect
{
    public static SqlServerDialect Instance { get; } = new();

    public WarehouseKind Kind => WarehouseKind.SqlServer;

    public string QuoteIdentifier(string identifier) =>
        string.Join('.', Identifiers.Validate(identifier).Select(part => $"[{part}]"));

    public string DateLiteral(DateOnly date) => $"CAST('{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}' AS date)";

    public string? ParameterMarker(string name) => "@" + name;

    // SQL Server has no CREATE TABLE AS; SELECT INTO creates the table from the query's columns.
    public string CreateTableAs(string table, string selectSql) =>
        $"SELECT * INTO {QuoteIdentifier(table)} FROM ({selectSql}\n) AS q";

    public string DropTableIfExists(string table) => $"DROP TABLE IF EXISTS {QuoteIdentifier(table)}";

    /// <summary>
    /// Drop and sp_rename in one transaction: both are transactional in SQL Server and the drop's schema lock makes
    /// readers wait until commit. sp_rename takes the current name (quoted, possibly schema-qualified) and the new,
    /// unqualified name; the table stays in its schema. Both names are validated, so they are safe inside N'…'.
    /// </summary>
    public IReadOnlyList<string> ReplaceTable(string staging, string target)
    {
        var unqualifiedTarget = Identifiers.RenamedName(staging, target);
        return
        [
            DropTableIfExists(target),
            $"EXEC sp_rename N'{QuoteIdentifier(staging)}', N'{unqualifiedTarget}', N'OBJECT'",
        ];
    }

    // The closing parenthesis is on its own line so a trailing "-- comment" in the query cannot swallow it.
    public string LimitRows(string selectSql, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return $"SELECT TOP ({rows}) * FROM ({selectSql}\n) AS q";
    }
}
