using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class ScenarioMap : IEntityTypeConfiguration<Scenario>
{
    public void Configure(EntityTypeBuilder<Scenario> scenario)
    {
        scenario.ToTable("scenarios");
        scenario.Property(s => s.Name).HasMaxLength(64);
        scenario.HasIndex(s => s.Name).IsUnique();
        scenario.Property(s => s.Description).HasMaxLength(2000);
        scenario.Property(s => s.CreatedBy).HasMaxLength(256);
        scenario.Property(s => s.UpdatedBy).HasMaxLength(256);
        scenario.HasOne<Score>().WithMany().HasForeignKey(s => s.ScoreId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScenarioRunMap : IEntityTypeConfiguration<ScenarioRun>
{
    public void Configure(EntityTypeBuilder<ScenarioRun> run)
    {
        run.ToTable("scenario_runs");
        run.Property(r => r.ScenarioName).HasMaxLength(64);
        run.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        run.Property(r => r.Trigger).HasMaxLength(256);
        run.Property(r => r.StartedBy).HasMaxLength(256);
        run.Property(r => r.Owner).HasMaxLength(256);
        run.Property(r => r.FailedStep).HasMaxLength(128);
        run.Property(r => r.Failure).HasMaxLength(4000);
        run.HasOne<Scenario>().WithMany().HasForeignKey(r => r.ScenarioId).OnDelete(DeleteBehavior.Cascade);
        run.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        run.HasIndex(r => new { r.ScenarioId, r.StartedAt });
        run.HasIndex(r => r.Status);
        run.HasIndex(r => r.StartedAt);
    }
}

internal sealed class ScenarioStepRunMap : IEntityTypeConfiguration<ScenarioStepRun>
{
    public void Configure(EntityTypeBuilder<ScenarioStepRun> step)
    {
        step.ToTable("scenario_step_runs");
        step.Property(s => s.Name).HasMaxLength(128);
        step.Property(s => s.Type).HasMaxLength(32);
        step.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        step.Property(s => s.Message).HasMaxLength(4000);
        step.HasIndex(s => new { s.RunId, s.Position }).IsUnique();
    }
}
