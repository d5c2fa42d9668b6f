using System.Data.Common;
using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// SQL Server through Microsoft.Data.SqlClient: named parameters (<c>@name</c>) and bracketed identifiers. A <c>]</c>
/// inside a name would need doubling, but validated identifiers never hold one. Needs SQL Server 2016 or later
/// (DROP TABLE IF EXISTS). There is no CREATE TABLE AS: SELECT INTO wraps the query in a derived table, which cannot hold
/// a WITH clause, so a query starting with WITH is split: its WITH clause stays in front and only its main query goes
/// into the derived table (<c>WITH a AS (…) SELECT * INTO t FROM (main query) AS q</c>), one statement and no helper
/// object (previews with TOP are written the same way). A derived table cannot hold an ORDER BY without TOP either, so
/// the main query must not end with one.
/// SQL Server has no corr() aggregate.
/// </summary>
public sealed class SqlServerDialect : ISqlDialect
{
    /// <summary>SQL Server's limit of rows in one VALUES list.</summary>
    public const int MaxValuesRows = 1000;

    public static SqlServerDialect Instance { get; } = new();

    public WarehouseKind Kind => WarehouseKind.SqlServer;

    public string FloatType => "FLOAT";

    public string BigIntType => "BIGINT";

    public string IntegerType => "INT";

    public string BooleanType => "BIT";

    public string TimestampType => "DATETIME2";

    public int LiteralRowsPerStatement => MaxValuesRows;

    /// <summary>A request binds at most 2,100 parameters: literals let one round trip carry thousands of rows.</summary>
    public bool InsertsLiterals => true;

    public string TextType(int? length = null) =>
        length is { } n and <= 4000 ? string.Create(CultureInfo.InvariantCulture, $"NVARCHAR({n})") : "NVARCHAR(MAX)";

    public string QuoteIdentifier(string identifier) =>
        string.Join('.', Identifiers.Validate(identifier).Select(part => $"[{part}]"));

    public string DateLiteral(DateOnly date) => $"CAST('{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}' AS date)";

    // N'…' keeps characters outside the database's code page.
    public string TextLiteral(string value) => $"N'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    public string? ParameterMarker(string name) => "@" + name;

    /// <summary>
    /// HASHBYTES gives the digest as binary: its first 7 bytes read as a big-endian BIGINT, shifted right by 4 bits, are
    /// the first 13 hex digits. VARCHAR, not NVARCHAR, so the bytes hashed are those of the text, not UTF-16: the same as
    /// the other warehouses for ASCII keys, and for any key under a UTF-8 collation (SQL Server 2019 on).
    /// '+' keeps a NULL key NULL, where CONCAT would hash an empty text.
    /// </summary>
    public string KeySampleHash(string keyExpression, int seed) =>
        $"CAST(SUBSTRING(HASHBYTES('MD5', '{Modeling.KeySample.Prefix(seed)}' + CAST({keyExpression} AS VARCHAR(4000))), 1, 7) AS BIGINT) / 16";

    public string CreateTable(string table, IEnumerable<string> columnDefinitions, string? key = null) =>
        $"CREATE TABLE {QuoteIdentifier(table)} ({string.Join(", ", columnDefinitions)})";

    public string CreateTableAs(string table, string selectSql, string? key = null) =>
        AroundMainQuery(selectSql, main => $"SELECT * INTO {QuoteIdentifier(table)} FROM ({main}\n) AS q");

    public string DropTableIfExists(string table) => $"DROP TABLE IF EXISTS {QuoteIdentifier(table)}";

    public bool IsMissingObject(DbException error) => false;

    public string? Advice(DbException error) => WarehouseErrorCodes.Of(error) switch
    {
        18456 => "SQL Server refused the login: check the user name and password (or Integrated Security) in the connection string.",
        208 => "A table or view the SQL names does not exist or is not visible to this login: check its name and schema (e.g. dbo.table).",
        229 or 262 => "The login lacks a permission: ask the database administrator to GRANT the one the message names.",
        _ => null,
    };

    /// <summary>
    /// Drop and sp_rename in one transaction: both are transactional in SQL Server and the drop's schema lock makes
    /// readers wait until commit. sp_rename takes the current name (quoted, possibly schema-qualified) and the new,
    /// unqualified name; the table stays in its schema. Both names are validated, so they are safe inside N'…'.
    /// IF EXISTS makes it work when the target is not there yet.
    /// </summary>
    public IReadOnlyList<string> ReplaceTable(string staging, string target, bool targetExists = true)
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
        return AroundMainQuery(selectSql, main => $"SELECT TOP ({rows}) * FROM ({main}\n) AS q");
    }

    /// <summary>Wraps the main query, leaving a WITH clause in front of the whole statement where T-SQL requires it.</summary>
    private static string AroundMainQuery(string sql, Func<string, string> wrap) =>
        SqlText.SplitWith(sql) is { } split ? split.With + wrap(split.Main) : wrap(sql);
}
