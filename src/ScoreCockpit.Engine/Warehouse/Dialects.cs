namespace ScoreCockpit.Engine.Warehouse;

public static class Dialects
{
    public static ISqlDialect For(WarehouseKind kind) => kind switch
    {
        WarehouseKind.DuckDb => DuckDbDialect.Instance,
        WarehouseKind.Postgres => PostgresDialect.Instance,
        WarehouseKind.SqlServer => SqlServerDialect.Instance,
        WarehouseKind.Teradata => TeradataDialect.Instance,
        _ => throw new NotSupportedException($"The {kind} dialect is not available yet."),
    };
}
