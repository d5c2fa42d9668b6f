using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class ScoringRunMap : IEntityTypeConfiguration<ScoringRun>
{
    public void Configure(EntityTypeBuilder<ScoringRun> run)
    {
        run.ToTable("scoring_runs");
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.OutputTable).HasMaxLength(128);
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.Property(r => r.Owner).HasMaxLength(256);
        run.Property(r => r.Failure).HasMaxLength(2000);
        run.HasOne<Score>().WithMany().HasForeignKey(r => r.ScoreId).OnDelete(DeleteBehavior.Cascade);
        run.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        run.HasIndex(r => new { r.ScoreId, r.StartedAt });
        run.HasIndex(r => r.Status);
    }
}
