using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Scenarios.Scheduling;
using ScoreCockpit.Engine.Scenarios.Steps;

namespace ScoreCockpit.Engine.Scenarios;

public static class ScenarioServices
{
    public static IServiceCollection AddScenarios(this IServiceCollection services)
    {
        services.AddSingleton<SaveScenarioHandler>();
        services.AddSingleton<ScenarioQueries>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<ScenarioRunner>();
        services.AddSingleton<ScenarioScheduler>();
        services.AddSingleton<SchedulerLeadership>();
        services.AddSingleton<ScenarioFacts>();
        services.AddSingleton<IStepExecutor, SetVariablesExecutor>();
        services.AddSingleton<IStepExecutor, RunSqlExecutor>();
        services.AddSingleton<IStepExecutor, BuildSnapshotExecutor>();
        services.AddSingleton<IStepExecutor, TrainVersionExecutor>();
        services.AddSingleton<IStepExecutor, TrainChallengersExecutor>();
        services.AddSingleton<IStepExecutor, EvaluateAllVersionsExecutor>();
        services.AddSingleton<IStepExecutor, RefreshLabelsExecutor>();
        services.AddSingleton<IStepExecutor, ScoreExecutor>();
        services.AddSingleton<IStepExecutor, PurgeVersionsExecutor>();
        services.AddSingleton<IStepExecutor, SendMessageExecutor>();
        services.AddSingleton<IStepExecutor, ComputeMetricsExecutor>();
        services.AddSingleton<IStepExecutor, RunChecksExecutor>();
        services.AddSingleton<IStepExecutor, ExportReportExecutor>();
        services.AddSingleton<IQualityFacts, StoredQualityFacts>();
        return services;
    }
}
