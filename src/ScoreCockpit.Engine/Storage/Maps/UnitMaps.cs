using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Units;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class UnitRunMap : IEntityTypeConfiguration<UnitRun>
{
    public void Configure(EntityTypeBuilder<UnitRun> run)
    {
        run.ToTable("unit_runs");
        run.Property(r => r.Kind).HasMaxLength(32);
        run.Property(r => r.Description).HasMaxLength(512);
        run.Property(r => r.Executor).HasMaxLength(16);
        run.Property(r => r.Place).HasMaxLength(256);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.Property(r => r.Owner).HasMaxLength(256);
        run.Property(r => r.Failure).HasMaxLength(4000);
        run.HasOne<Score>().WithMany().HasForeignKey(r => r.ScoreId).OnDelete(DeleteBehavior.Cascade);
        run.HasIndex(r => new { r.ScoreId, r.Kind, r.StartedAt });
        run.HasIndex(r => r.Status);
        run.HasIndex(r => r.ScenarioRunId);
    }
}

internal sealed class SchedulerLeaseMap : IEntityTypeConfiguration<SchedulerLease>
{
    public void Configure(EntityTypeBuilder<SchedulerLease> lease)
    {
        lease.ToTable("scheduler_leases");
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(64);
        lease.Property(l => l.Holder).HasMaxLength(256);
    }
}
