using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Storage;

/// <summary>The portal's own database: one model for SQLite, PostgreSQL and SQL Server.</summary>
public sealed class CockpitDbContext(DbContextOptions<CockpitDbContext> options)
    : IdentityDbContext<CockpitUser>(options), IDataProtectionKeyContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Score> Scores => Set<Score>();
    public DbSet<VariableRecord> Variables => Set<VariableRecord>();
    public DbSet<WarehouseConnectionRecord> WarehouseConnections => Set<WarehouseConnectionRecord>();
    public DbSet<Snapshot> Snapshots => Set<Snapshot>();
    public DbSet<PortalSetting> PortalSettings => Set<PortalSetting>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<Activation> Activations => Set<Activation>();
    public DbSet<Evaluation.VersionEvaluation> Evaluations => Set<Evaluation.VersionEvaluation>();
    public DbSet<Scoring.ScoringRun> ScoringRuns => Set<Scoring.ScoringRun>();
    public DbSet<Scenarios.Scenario> Scenarios => Set<Scenarios.Scenario>();
    public DbSet<Scenarios.ScenarioRun> ScenarioRuns => Set<Scenarios.ScenarioRun>();
    public DbSet<Scenarios.ScenarioStepRun> ScenarioStepRuns => Set<Scenarios.ScenarioStepRun>();
    public DbSet<Quality.QualityMeasurement> QualityMeasurements => Set<Quality.QualityMeasurement>();
    public DbSet<Quality.CheckResult> CheckResults => Set<Quality.CheckResult>();
    public DbSet<Units.UnitRun> UnitRuns => Set<Units.UnitRun>();
    public DbSet<Scenarios.Scheduling.SchedulerLease> SchedulerLeases => Set<Scenarios.Scheduling.SchedulerLease>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Accounts.Tokens.PersonalAccessToken> PersonalAccessTokens => Set<Accounts.Tokens.PersonalAccessToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        Maps.CockpitMaps.ApplyTo(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is stored in UTC; SQLite forgets the kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
