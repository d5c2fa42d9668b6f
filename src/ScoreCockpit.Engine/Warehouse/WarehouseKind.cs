namespace ScoreCockpit.Engine.Warehouse;

/// <summary>The database engines a warehouse connection can point at.</summary>
public enum WarehouseKind
{
    DuckDb,
    Postgres,
    SqlServer,
    Teradata,
}
