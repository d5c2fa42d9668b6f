using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class QualityMeasurementMap : IEntityTypeConfiguration<QualityMeasurement>
{
    public void Configure(EntityTypeBuilder<QualityMeasurement> metric)
    {
        metric.ToTable("quality_metrics");
        metric.Property(m => m.MetricName).HasMaxLength(100);
        metric.Property(m => m.Dataset).HasMaxLength(400);
        metric.HasOne<Score>().WithMany().HasForeignKey(m => m.ScoreId).OnDelete(DeleteBehavior.Cascade);
        // Not unique: a null score id is distinct on some providers and equal on others; the handler replaces instead.
        metric.HasIndex(m => new { m.ScoreId, m.MetricName, m.ReferenceDate });
    }
}
