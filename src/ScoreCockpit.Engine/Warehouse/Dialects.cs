namespace ScoreCockpit.Engine.Warehouse;

public static class Dialects
{
    public static ISqlDialect For(WarehouseKind kind) => kind switch
    {
        WarehouseKind.DuckDb => DuckDbDialect.Instance,
        _ => throw new NotSupportedException($"The {kind} dialect is not available yet."),
    };
}
