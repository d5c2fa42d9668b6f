using Microsoft.EntityFrameworkCore;

namespace ScoreCockpit.Engine.Storage.Maps;

/// <summary>
/// The store's entity maps, listed rather than found by scanning the assembly: a scan loads every type of the engine,
/// and ML.NET with them, into every process that opens the store, a headless scoring run included. A test checks
/// that the list names every map the assembly holds.
/// </summary>
internal static class CockpitMaps
{
    public static void ApplyTo(ModelBuilder builder)
    {
        builder.ApplyConfiguration(new AuditEntryMap());
        builder.ApplyConfiguration(new ScoreMap());
        builder.ApplyConfiguration(new VariableRecordMap());
        builder.ApplyConfiguration(new WarehouseConnectionRecordMap());
        builder.ApplyConfiguration(new SnapshotMap());
        builder.ApplyConfiguration(new PortalSettingMap());
        builder.ApplyConfiguration(new ModelVersionMap());
        builder.ApplyConfiguration(new ActivationMap());
        builder.ApplyConfiguration(new VersionEvaluationMap());
        builder.ApplyConfiguration(new ScoringRunMap());
        builder.ApplyConfiguration(new ScenarioMap());
        builder.ApplyConfiguration(new ScenarioRunMap());
        builder.ApplyConfiguration(new ScenarioStepRunMap());
        builder.ApplyConfiguration(new QualityMeasurementMap());
        builder.ApplyConfiguration(new CheckResultMap());
        builder.ApplyConfiguration(new UnitRunMap());
        builder.ApplyConfiguration(new SchedulerLeaseMap());
        builder.ApplyConfiguration(new PersonalAccessTokenMap());
    }
}
