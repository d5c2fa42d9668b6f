namespace ScoreCockpit.Engine.Warehouse;

/// <summary>DuckDB: the embedded default warehouse. Parameters are written <c>$name</c>.</summary>
public sealed class DuckDbDialect : StandardSqlDialect
{
    public static DuckDbDialect Instance { get; } = new();

    public override WarehouseKind Kind => WarehouseKind.DuckDb;

    public override string FloatType => "DOUBLE";

    public override string? ParameterMarker(string name) => "$" + name;

    // DuckDB's VARCHAR has no length limit and ignores one given.
    public override string TextType(int? length = null) => "VARCHAR";
}
