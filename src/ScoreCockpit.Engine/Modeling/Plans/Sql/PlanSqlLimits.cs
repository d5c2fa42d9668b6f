using System.Globalization;
using System.Text;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling.Plans.Sql;

/// <summary>
/// What one warehouse's SQL allows a plan written as SQL, from its documentation. Null: no documented limit, the form
/// DuckDB and PostgreSQL have always had is kept (nested CASE, 25 trees per layer, one statement).
/// </summary>
public sealed record PlanSqlLimits
{
    /// <summary>Trees per sub-select where nothing limits the nesting of sub-selects.</summary>
    public const int TreesPerLayer = 25;

    public required WarehouseKind Kind { get; init; }

    /// <summary>The warehouse as people name it, for messages.</summary>
    public required string Name { get; init; }

    /// <summary>Levels of CASE one expression may nest (SQL Server: 10, error 125).</summary>
    public int? CaseNesting { get; init; }

    /// <summary>Sub-queries one statement may nest (SQL Server: 32; Teradata: 64).</summary>
    public int? SubqueryNesting { get; init; }

    /// <summary>The largest statement text, in bytes as the warehouse receives them.</summary>
    public long? StatementBytes { get; init; }

    /// <summary>How the documentation names <see cref="StatementBytes"/>, for messages.</summary>
    public string StatementLimit { get; init; } = "";

    /// <summary>Columns of one table, which a scratch table of slots must hold (SQL Server: 1,024; Teradata: 2,048).</summary>
    public int? TableColumns { get; init; }

    /// <summary>False where FLOAT cannot hold NaN: missing is then IS NULL alone.</summary>
    public bool HoldsNaN { get; init; } = true;

    /// <summary>False where REAL is 8 bytes (Teradata): the sum cannot be rounded to float32 in SQL.</summary>
    public bool HasFloat32 { get; init; } = true;

    /// <summary>Bytes per character of the text as sent: SQL Server receives UTF-16; Teradata's sessions here are UTF-8.</summary>
    private Encoding TextEncoding { get; init; } = Encoding.UTF8;

    /// <summary>
    /// Levels of CASE a tree may nest: two below the limit where there is one, because SQL Server may put the slot's CASE
    /// (in a tree's conditions) and the calibration's CASE (around the sum) into the same expression when it inlines the
    /// sub-selects.
    /// </summary>
    public int? TreeCaseNesting => CaseNesting - 2;

    /// <summary>Running-sum layers one statement may nest: the sub-select limit less the featurised and final sub-selects and two for the wrappers of CREATE TABLE AS.</summary>
    public int? Layers => SubqueryNesting - 4;

    /// <summary>Trees per layer for a plan of <paramref name="trees"/> trees: more than 25 only where the layers are limited.</summary>
    public int TreesPerLayerFor(int trees) =>
        Layers is { } layers ? Math.Max(TreesPerLayer, (trees + layers - 1) / layers) : TreesPerLayer;

    /// <summary>The size of a statement as this warehouse counts it.</summary>
    public long Measure(string statement) => TextEncoding.GetByteCount(statement);

    public static string Describe(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    public static PlanSqlLimits For(WarehouseKind kind) => kind switch
    {
        WarehouseKind.DuckDb => new() { Kind = kind, Name = "DuckDB" },
        // A query string is one allocation, which PostgreSQL caps at 1 GB − 1 (MaxAllocSize).
        WarehouseKind.Postgres => new()
        {
            Kind = kind,
            Name = "PostgreSQL",
            StatementBytes = (1L << 30) - 1,
            StatementLimit = "largest query string (1 GB − 1)",
        },
        // A batch is at most 65,536 network packets of 4,096 bytes (the default packet size), in UTF-16.
        WarehouseKind.SqlServer => new()
        {
            Kind = kind,
            Name = "SQL Server",
            CaseNesting = 10,
            SubqueryNesting = 32,
            StatementBytes = 65_536L * 4_096,
            StatementLimit = "batch size (65,536 × 4,096-byte packets)",
            TableColumns = 1_024,
            HoldsNaN = false,
            TextEncoding = Encoding.Unicode,
        },
        // 1 MB is the request limit of every release (16.x+ accepts larger requests only through newer parcels, which
        // not every client sends); FLOAT and REAL are both 8 bytes.
        WarehouseKind.Teradata => new()
        {
            Kind = kind,
            Name = "Teradata",
            SubqueryNesting = 64,
            StatementBytes = 1L << 20,
            StatementLimit = "SQL request size (1 MB)",
            TableColumns = 2_048,
            HoldsNaN = false,
            HasFloat32 = false,
        },
        _ => throw new NotSupportedException($"No limits are known for {kind}."),
    };
}
