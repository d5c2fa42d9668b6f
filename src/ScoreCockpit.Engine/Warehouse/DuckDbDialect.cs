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

    // md5 gives lowercase hex; DuckDB reads a '0x'-prefixed string as a hexadecimal integer.
    public override string KeySampleHash(string keyExpression, int seed) =>
        $"CAST('0x' || substr(md5('{Modeling.KeySample.Prefix(seed)}' || CAST({keyExpression} AS VARCHAR)), 1, 13) AS BIGINT)";
}
