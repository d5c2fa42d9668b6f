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
        // A deleted score keeps its row under a released name (see DeleteScore), so the plain unique index still holds
        // and no provider needs a filtered index.
        score.HasIndex(s => s.Name).IsUnique();
        // Every read of scores skips deleted ones, so no list, lookup or picker can forget to.
        score.HasQueryFilter(s => s.DeletedAt == null);
    }
}
