using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class ModelVersionMap : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> version)
    {
        version.ToTable("model_versions");
        version.Property(v => v.Algorithm).HasMaxLength(32);
        version.Property(v => v.ChallengerName).HasMaxLength(64);
        version.Property(v => v.ArtifactSha256).HasMaxLength(64);
        version.Property(v => v.PlanSha256).HasMaxLength(64);
        version.Property(v => v.TrainedBy).HasMaxLength(256);
        version.Ignore(v => v.IsChallenger);
        version.HasOne<Score>().WithMany().HasForeignKey(v => v.ScoreId).OnDelete(DeleteBehavior.Cascade);
        version.HasIndex(v => new { v.ScoreId, v.Number }).IsUnique();
        version.HasIndex(v => v.ArtifactSha256);
    }
}

internal sealed class ActivationMap : IEntityTypeConfiguration<Activation>
{
    public void Configure(EntityTypeBuilder<Activation> activation)
    {
        activation.ToTable("activations");
        activation.Property(a => a.ActivatedBy).HasMaxLength(256);
        activation.Property(a => a.Comment).HasMaxLength(2000);
        activation.HasOne<Score>().WithMany().HasForeignKey(a => a.ScoreId).OnDelete(DeleteBehavior.Cascade);
        activation.HasOne<ModelVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Restrict);
        activation.HasIndex(a => new { a.ScoreId, a.ActivatedAt });
    }
}
