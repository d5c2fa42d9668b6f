using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class VariableRecordMap : IEntityTypeConfiguration<VariableRecord>
{
    public void Configure(EntityTypeBuilder<VariableRecord> variable)
    {
        variable.ToTable("global_variables");
        variable.Property(v => v.Name).HasMaxLength(64);
        variable.Property(v => v.Type).HasConversion<string>().HasMaxLength(16);
        variable.Property(v => v.Value).HasMaxLength(1000);
        variable.Property(v => v.UpdatedBy).HasMaxLength(256);
        variable.HasIndex(v => v.Name).IsUnique();
    }
}
