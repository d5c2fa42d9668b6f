using System.Globalization;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// Teradata through its own ADO.NET provider (registered by the user, see <see cref="WarehouseConnector"/>). The
/// provider binds positional <c>?</c> markers only, so variables are written as validated literals. Three things
/// differ from the other warehouses and shape the SQL below:
/// <list type="bullet">
/// <item>There is no DROP TABLE IF EXISTS, and plain SQL has no conditional block to emulate it.</item>
/// <item>A transaction may hold only one DDL statement, as its last: in Teradata mode (BT/ET) anything but ET after a
/// DDL statement fails with error 3932, in ANSI mode anything but COMMIT fails with error 3722. So DROP + RENAME
/// cannot be one transaction, and <see cref="ReplaceTable"/> swaps contents with DML instead.</item>
/// <item>CREATE TABLE AS makes a SET table in Teradata mode, which silently drops duplicate rows; tables are created
/// MULTISET. Without a PRIMARY INDEX clause the first column becomes the (non-unique) primary index.</item>
/// </list>
/// A derived table cannot hold a WITH clause or an ORDER BY, so queries given to <see cref="CreateTableAs"/> and
/// <see cref="LimitRows"/> must be plain SELECTs.
/// </summary>
public sealed class TeradataDialect : ISqlDialect
{
    public static TeradataDialect Instance { get; } = new();

    public WarehouseKind Kind => WarehouseKind.Teradata;

    public string QuoteIdentifier(string identifier) =>
        string.Join('.', Identifiers.Validate(identifier).Select(part => $"\"{part}\""));

    public string DateLiteral(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    /// <summary>Null: the provider knows only positional <c>?</c> markers, so values are written as literals.</summary>
    public string? ParameterMarker(string name) => null;

    // The closing parenthesis is on its own line so a trailing "-- comment" in the query cannot swallow it.
    public string CreateTableAs(string table, string selectSql) =>
        $"CREATE MULTISET TABLE {QuoteIdentifier(table)} AS ({selectSql}\n) WITH DATA";

    /// <summary>
    /// A plain DROP TABLE: Teradata has no IF EXISTS, and dropping a missing table fails with error 3807
    /// ("Object does not exist"). A caller that cannot know whether the table exists checks
    /// <see cref="WarehouseSession.TableExistsAsync"/> first. Being DDL, it must run on its own or last in a transaction.
    /// </summary>
    public string DropTableIfExists(string table) => $"DROP TABLE {QuoteIdentifier(table)}";

    /// <summary>
    /// Replaces the target's rows with the staging table's, then drops the staging table, in one transaction (BT/ET,
    /// or COMMIT in ANSI mode): DELETE ALL and INSERT … SELECT hold the target's write lock until the end, so a
    /// reader waits and sees the old rows or the new ones, never an empty or missing table (unless it reads with
    /// LOCKING … FOR ACCESS, which allows dirty reads by design). The single DDL statement, the drop, comes last as
    /// Teradata requires. The target must already exist with the staging table's columns in the same order; the first
    /// time, when it does not exist yet, rename the staging table (<c>RENAME TABLE staging TO target</c>, one DDL
    /// statement on its own). If the columns differ, the INSERT fails and the transaction rolls back: the old rows
    /// stay and the staging table is kept.
    /// </summary>
    public IReadOnlyList<string> ReplaceTable(string staging, string target)
    {
        var quotedTarget = QuoteIdentifier(target);
        var quotedStaging = QuoteIdentifier(staging);
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
}
