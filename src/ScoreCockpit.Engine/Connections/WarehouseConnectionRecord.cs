using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Connections;

/// <summary>A warehouse connection configured by an Admin. The connection string is stored encrypted.</summary>
public sealed class WarehouseConnectionRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public WarehouseKind Kind { get; set; }
    public required string ProtectedConnectionString { get; set; }

    /// <summary>Where the scores of this connection's scores execute unless a score says otherwise.</summary>
    public PushDown.Execution Execution { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
