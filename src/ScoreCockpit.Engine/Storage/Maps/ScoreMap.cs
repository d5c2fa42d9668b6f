using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class ScoreMap : IEntityTypeConfiguration<Score>
{
    public void Configure(EntityTypeBuilder<Score> score)
    {
        score.ToTable("scores");
        score.Property(s => s.Name).HasMaxLength(ScoreName.MaxLength);
        score.Property(s => s.Description).HasMaxLength(4000);
        score.Property(s => s.CreatedBy).HasMaxLength(256);
        score.Property(s => s.UpdatedBy).HasMaxLength(256);
        score.HasIndex(s => s.Name).IsUnique();
    }
}
