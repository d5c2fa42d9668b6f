using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Settings;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class PortalSettingMap : IEntityTypeConfiguration<PortalSetting>
{
    public void Configure(EntityTypeBuilder<PortalSetting> setting)
    {
        setting.ToTable("portal_settings");
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(64);
        setting.Property(s => s.Value).HasMaxLength(1000);
        setting.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
