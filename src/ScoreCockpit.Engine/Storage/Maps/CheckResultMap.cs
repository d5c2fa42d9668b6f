using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class CheckResultMap : IEntityTypeConfiguration<CheckResult>
{
    public void Configure(EntityTypeBuilder<CheckResult> check)
    {
        check.ToTable("check_results");
        check.Property(c => c.CheckName).HasMaxLength(100);
        check.Property(c => c.Kind).HasMaxLength(32);
        check.Property(c => c.MetricName).HasMaxLength(100);
        // Text, so a BI tool reads "Error" without a lookup table.
        check.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        check.Property(c => c.Message).HasMaxLength(2000);
        check.HasOne<Score>().WithMany().HasForeignKey(c => c.ScoreId).OnDelete(DeleteBehavior.Cascade);
        check.HasIndex(c => new { c.ScoreId, c.CheckName, c.ReferenceDate });
    }
}
