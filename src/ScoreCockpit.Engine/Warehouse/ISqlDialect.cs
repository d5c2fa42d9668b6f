namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// The few places where warehouses disagree on SQL. Everything the engine generates goes through
/// here; analysts' own SQL (dataprep) is passed as written.
/// </summary>
public interface ISqlDialect
{
    WarehouseKind Kind { get; }

    /// <summary>A validated identifier (table, optionally schema-qualified, or column), quoted for this engine.</summary>
    string QuoteIdentifier(string identifier);

    /// <summary>A date as a literal of this engine's SQL.</summary>
    string DateLiteral(DateOnly date);

    /// <summary>How a bound parameter is written in the SQL text; null when only positional '?' markers exist.</summary>
    string? ParameterMarker(string name);

    /// <summary>Materialises a query into a new table.</summary>
    string CreateTableAs(string table, string selectSql);

    string DropTableIfExists(string table);

    /// <summary>
    /// Statements, run in order inside one transaction, that put <paramref name="staging"/> in place of
    /// <paramref name="target"/> so readers see either the old or the new table, never a half-written one.
    /// </summary>
    IReadOnlyList<string> ReplaceTable(string staging, string target);

    /// <summary>The query limited to its first rows (previews, schema probes).</summary>
    string LimitRows(string selectSql, int rows);
}
