using System.Data.Common;
using System.Globalization;
using System.Text;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// Teradata through its own ADO.NET provider (see <see cref="WarehouseProviders"/>). The provider binds positional
/// <c>?</c> markers only, so variables are written as validated literals. What differs from the other warehouses:
/// <list type="bullet">
/// <item>There is no DROP TABLE IF EXISTS. The drop is run as is and error 3807 ("Object does not exist") is taken as done
/// (<see cref="IsMissingObject"/>): one round trip, no race between a look-up and the drop, and no need to read
/// DBC.TablesV, which would also need the default database resolved for unqualified names.</item>
/// <item>A transaction may hold only one DDL statement, as its last: in Teradata mode (BT/ET) anything but ET after a
/// DDL statement fails with error 3932, in ANSI mode anything but COMMIT fails with error 3722. So DROP + RENAME
/// cannot be one transaction, and <see cref="ReplaceTable"/> swaps contents with DML when the target exists, or renames
/// the staging table (one DDL statement alone) when it does not.</item>
/// <item>CREATE TABLE makes a SET table in Teradata mode, which silently drops duplicate rows: tables are created
/// MULTISET, with the key as PRIMARY INDEX so rows spread over the AMPs by customer (without it the first column is
/// the primary index, which may be a skewed one).</item>
/// <item>A query starting with WITH cannot be given to CREATE TABLE AS directly; it goes inside a derived table
/// (<c>AS (SELECT * FROM (WITH … SELECT …) AS q) WITH DATA</c>), which Teradata accepts from release 16.00 on.</item>
/// <item>Bulk rows go as multi-statement requests: one INSERT with literals per row, many per request (the request text
/// stays under Teradata's 1 MB), executed as one implicit transaction.</item>
/// </list>
/// A derived table cannot hold an ORDER BY, so queries given to <see cref="CreateTableAs"/> and <see cref="LimitRows"/>
/// must not end with one.
/// </summary>
public sealed class TeradataDialect : ISqlDialect
{
    public static TeradataDialect Instance { get; } = new();

    public WarehouseKind Kind => WarehouseKind.Teradata;

    public string FloatType => "FLOAT";

    public string BigIntType => "BIGINT";

    public string IntegerType => "INTEGER";

    public string BooleanType => "BYTEINT";

    public string TimestampType => "TIMESTAMP(6)";

    /// <summary>Teradata's INSERT takes one row of VALUES, but a multi-statement request takes many INSERTs.</summary>
    public int LiteralRowsPerStatement => 1;

    public bool InsertsLiterals => true;

    /// <summary>UNICODE: a LATIN column would refuse or mangle names and keys outside Latin-1. 32000 is the UNICODE maximum.</summary>
    public string TextType(int? length = null) =>
        string.Create(CultureInfo.InvariantCulture, $"VARCHAR({length ?? 32000}) CHARACTER SET UNICODE");

    public string QuoteIdentifier(string identifier) =>
        string.Join('.', Identifiers.Validate(identifier).Select(part => $"\"{part}\""));

    public string DateLiteral(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    /// <summary>
    /// A plain literal for printable ASCII; otherwise a Unicode literal (<c>U&amp;'caf\00e9' UESCAPE '\'</c>), so the
    /// value arrives intact whatever the session's character set, and control characters never sit raw in the text.
    /// </summary>
    public string TextLiteral(string value)
    {
        if (value.All(c => c is >= ' ' and <= '~'))
        {
            return $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
        }

        var text = new StringBuilder("U&'");
        foreach (var rune in value.EnumerateRunes())
        {
            text.Append(rune.Value switch
            {
                '\\' => "\\\\",
                '\'' => "''",
                >= ' ' and <= '~' => ((char)rune.Value).ToString(),
                > 0xFFFF => string.Create(CultureInfo.InvariantCulture, $"\\+{rune.Value:X6}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\{rune.Value:X4}"),
            });
        }

        return text.Append("' UESCAPE '\\'").ToString();
    }

    /// <summary>Null: the provider knows only positional <c>?</c> markers, so values are written as literals.</summary>
    public string? ParameterMarker(string name) => null;

    public string CreateTable(string table, IEnumerable<string> columnDefinitions, string? key = null) =>
        $"CREATE MULTISET TABLE {QuoteIdentifier(table)} ({string.Join(", ", columnDefinitions)}){PrimaryIndex(key)}";

    // The closing parentheses are on their own lines so a trailing "-- comment" in the query cannot swallow them.
    public string CreateTableAs(string table, string selectSql, string? key = null)
    {
        var query = SqlText.StartsWithWith(selectSql) ? $"SELECT * FROM ({selectSql}\n) AS q" : selectSql;
        return $"CREATE MULTISET TABLE {QuoteIdentifier(table)} AS ({query}\n) WITH DATA{PrimaryIndex(key)}";
    }

    /// <summary>A plain DROP TABLE: a missing table answers 3807, which the session ignores (see the class comment).</summary>
    public string DropTableIfExists(string table) => $"DROP TABLE {QuoteIdentifier(table)}";

    public bool IsMissingObject(DbException error) => WarehouseErrorCodes.Of(error) == 3807;

    public string? Advice(DbException error) => TeradataErrors.Advice(WarehouseErrorCodes.Of(error));

    /// <summary>
    /// When the target exists: replaces its rows with the staging table's, then drops the staging table, in one
    /// transaction. DELETE ALL and INSERT … SELECT hold the target's write lock until the end, so a reader waits and sees
    /// the old rows or the new ones, never an empty or missing table (unless it reads with LOCKING … FOR ACCESS, which
    /// allows dirty reads by design). The single DDL statement, the drop, comes last as Teradata requires. The columns
    /// must be the same, in the same order; if not, the INSERT fails and the transaction rolls back: the old rows stay
    /// and the staging table is kept. When the target does not exist yet: the staging table is renamed, alone.
    /// </summary>
    public IReadOnlyList<string> ReplaceTable(string staging, string target, bool targetExists = true)
    {
        var quotedTarget = QuoteIdentifier(target);
        var quotedStaging = QuoteIdentifier(staging);
        if (!targetExists)
        {
            return [$"RENAME TABLE {quotedStaging} TO {quotedTarget}"];
        }

        return
        [
            $"DELETE FROM {quotedTarget} ALL",
            $"INSERT INTO {quotedTarget} SELECT * FROM {quotedStaging}",
            $"DROP TABLE {quotedStaging}",
        ];
    }

    /// <summary>
    /// TOP n, except for no rows at all (schema probes): older releases accept only a non-zero TOP, so that case is
    /// an always-false filter, which the optimiser answers without reading the table.
    /// </summary>
    public string LimitRows(string selectSql, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return rows == 0
            ? $"SELECT * FROM ({selectSql}\n) AS q WHERE 1 = 0"
            : $"SELECT TOP {rows} * FROM ({selectSql}\n) AS q";
    }

    /// <summary>
    /// Null: Teradata has no built-in MD5 (HASHROW is its own row hash, not the same numbers), so training samples are
    /// drawn in memory with the C# twin: the same rows are kept, in the order Teradata returns them. An MD5 UDF installed
    /// by the site could be written here.
    /// </summary>
    public string? KeySampleHash(string keyExpression, int seed) => null;

    private string PrimaryIndex(string? key) => key is null ? "" : $" PRIMARY INDEX ({QuoteIdentifier(key)})";
}
