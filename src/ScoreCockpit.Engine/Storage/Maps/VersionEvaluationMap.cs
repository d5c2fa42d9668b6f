using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class VersionEvaluationMap : IEntityTypeConfiguration<VersionEvaluation>
{
    public void Configure(EntityTypeBuilder<VersionEvaluation> evaluation)
    {
        evaluation.ToTable("evaluations");
        evaluation.Property(e => e.Failure).HasMaxLength(2000);
        evaluation.Property(e => e.UndefinedReason).HasMaxLength(500);
        evaluation.HasOne<Score>().WithMany().HasForeignKey(e => e.ScoreId).OnDelete(DeleteBehavior.Cascade);
        evaluation.HasOne<ModelVersion>().WithMany().HasForeignKey(e => e.VersionId).OnDelete(DeleteBehavior.Restrict);
        evaluation.HasIndex(e => new { e.VersionId, e.EvaluationDate }).IsUnique();
        evaluation.HasIndex(e => new { e.ScoreId, e.EvaluationDate });
        evaluation.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        // The portfolio's first, previous and latest forward dates per active version, read from the index alone.
        evaluation.HasIndex(e => new { e.VersionId, e.Kind, e.Thin, e.EvaluationDate, e.Auc });
    }
}
