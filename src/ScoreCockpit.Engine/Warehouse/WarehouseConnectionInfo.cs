using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>Everything needed to reach one warehouse. The connection string may hold a secret: never show it.</summary>
public sealed record WarehouseConnectionInfo(string Name, WarehouseKind Kind, string ConnectionString)
{
    /// <summary>The name of the embedded DuckDB warehouse in the data folder.</summary>
    public const string DemoName = "demo";

    /// <summary>The embedded warehouse's file in the data folder.</summary>
    public const string DemoFileName = "warehouse.duckdb";

    public static WarehouseConnectionInfo Demo(DataFolder data) =>
        new(DemoName, WarehouseKind.DuckDb, $"Data Source={data.File(DemoFileName)}");

    public string Redacted => ConnectionStringRedactor.Redact(ConnectionString);

    public override string ToString() => $"{Name} ({Kind}, {Redacted})";
}
