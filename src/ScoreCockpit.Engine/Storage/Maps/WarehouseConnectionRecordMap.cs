using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Connections;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class WarehouseConnectionRecordMap : IEntityTypeConfiguration<WarehouseConnectionRecord>
{
    public void Configure(EntityTypeBuilder<WarehouseConnectionRecord> connection)
    {
        connection.ToTable("warehouse_connections");
        connection.Property(c => c.Name).HasMaxLength(64);
        connection.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        connection.Property(c => c.ProtectedConnectionString).HasMaxLength(8000);
        connection.Property(c => c.UpdatedBy).HasMaxLength(256);
        connection.HasIndex(c => c.Name).IsUnique();
    }
}
