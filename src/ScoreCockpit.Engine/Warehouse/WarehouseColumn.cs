namespace ScoreCockpit.Engine.Warehouse;

/// <summary>A column as the warehouse reports it.</summary>
public sealed record WarehouseColumn(string Name, Type ClrType, string DatabaseType);
