using System.Data.Common;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// The few places where warehouses disagree on SQL. Everything the engine generates goes through
/// here; analysts' own SQL (dataprep) is passed as written, except for the statement wrapped around it.
/// </summary>
public interface ISqlDialect
{
    WarehouseKind Kind { get; }

    /// <summary>A validated identifier (table, optionally schema-qualified, or column), quoted for this engine.</summary>
    string QuoteIdentifier(string identifier);

    /// <summary>A date as a literal of this engine's SQL.</summary>
    string DateLiteral(DateOnly date);

    /// <summary>Any text as a literal of this engine's SQL (quotes doubled), for writers that cannot bind parameters.</summary>
    string TextLiteral(string value);

    /// <summary>How a bound parameter is written in the SQL text; null when only positional '?' markers exist.</summary>
    string? ParameterMarker(string name);

    /// <summary>The native type of a double (8-byte float).</summary>
    string FloatType { get; }

    string BigIntType { get; }

    string IntegerType { get; }

    string BooleanType { get; }

    string TimestampType { get; }

    /// <summary>A text type of at most <paramref name="length"/> characters; null: the longest this engine stores inline.</summary>
    string TextType(int? length = null);

    /// <summary>A new empty table from column definitions ("quoted-name TYPE [NOT NULL]"), keyed on <paramref name="key"/> where that matters.</summary>
    string CreateTable(string table, IEnumerable<string> columnDefinitions, string? key = null);

    /// <summary>
    /// Materialises a query into a new table, distributed on <paramref name="key"/> where the warehouse does that. The query may
    /// start with WITH.
    /// </summary>
    string CreateTableAs(string table, string selectSql, string? key = null);

    /// <summary>The drop statement; where there is no IF EXISTS, <see cref="IsMissingObject"/> tells the session to ignore the error.</summary>
    string DropTableIfExists(string table);

    /// <summary>True when the warehouse refused a statement because the object it names does not exist.</summary>
    bool IsMissingObject(DbException error);

    /// <summary>What a person should do about the error, when this warehouse's code for it is known; null otherwise.</summary>
    string? Advice(DbException error);

    /// <summary>
    /// Statements, run in order inside one transaction, that put <paramref name="staging"/> in place of
    /// <paramref name="target"/> so readers see either the old or the new table, never a half-written one.
    /// </summary>
    IReadOnlyList<string> ReplaceTable(string staging, string target, bool targetExists = true);

    /// <summary>The query limited to its first rows (previews, schema probes).</summary>
    string LimitRows(string selectSql, int rows);

    /// <summary>
    /// True when bulk rows are best sent as literals in large requests rather than as bound parameters, whose count per
    /// statement this warehouse limits.
    /// </summary>
    bool InsertsLiterals { get; }

    /// <summary>How many rows one INSERT … VALUES may list when rows are sent as literals.</summary>
    int LiteralRowsPerStatement { get; }

    /// <summary>
    /// The 52-bit sample hash of <see cref="Modeling.KeySample.Hash"/> as a BIGINT expression of this engine: the first 13
    /// hex digits of <c>md5('seed:' || key as text)</c>; NULL for a NULL key. Null when the engine has no MD5: rows are
    /// then sampled in memory with the C# twin.
    /// </summary>
    string? KeySampleHash(string keyExpression, int seed);
}
