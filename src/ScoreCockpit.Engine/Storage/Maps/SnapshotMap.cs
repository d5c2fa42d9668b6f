using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class SnapshotMap : IEntityTypeConfiguration<Snapshot>
{
    public void Configure(EntityTypeBuilder<Snapshot> snapshot)
    {
        snapshot.ToTable("snapshots");
        snapshot.Property(s => s.TableName).HasMaxLength(128);
        snapshot.Property(s => s.BuiltBy).HasMaxLength(256);
        snapshot.Ignore(s => s.BaseRate);
        snapshot.Property(s => s.Columns)
            .HasConversion(
                columns => JsonSerializer.Serialize(columns, ScoreDefinitionJson.Options),
                json => JsonSerializer.Deserialize<List<ColumnProfile>>(json, ScoreDefinitionJson.Options) ?? new List<ColumnProfile>(),
                new ValueComparer<IReadOnlyList<ColumnProfile>>(
                    (a, b) => a!.SequenceEqual(b!),
                    c => c.Aggregate(0, (h, p) => HashCode.Combine(h, p.GetHashCode())),
                    c => c.ToList()));
        snapshot.HasOne<Score>().WithMany().HasForeignKey(s => s.ScoreId).OnDelete(DeleteBehavior.Cascade);
        snapshot.HasIndex(s => new { s.ScoreId, s.ReferenceDate }).IsUnique();
    }
}
