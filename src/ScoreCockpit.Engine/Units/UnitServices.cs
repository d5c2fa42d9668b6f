using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Scoring;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Units.Kubernetes;
using ScoreCockpit.Engine.Units.Processes;

namespace ScoreCockpit.Engine.Units;

public static class UnitServices
{
    /// <summary>
    /// The unit runner and the executors. A Kubernetes installation is checked here, at start-up, so that a store
    /// the Jobs cannot reach or a missing image stops the portal or the scheduler with what to set, not the first run.
    /// </summary>
    public static IServiceCollection AddUnits(this IServiceCollection services, StoreSettings store, UnitSettings units, Func<string, string?> setting)
    {
        services.AddSingleton(units);
        services.AddSingleton<UnitWork>();
        services.AddSingleton<UnitRunner>();
        services.AddSingleton<UnitDispatcher>();
        services.AddSingleton<UnitExecutors>();
        services.AddSingleton<EvaluationUnits>();
        services.AddSingleton<IUnitHistory, UnitHistory>();
        services.AddSingleton(s => new ProcessUnitExecutor(UnitCommand.Resolve(units.Command), store, s.GetRequiredService<DataFolder>(),
            s.GetRequiredService<CockpitTimeZone>(), s.GetRequiredService<RunLeaseSettings>()));
        if (units.Executor != ExecutorKind.Kubernetes)
        {
            return services;
        }

        UnitExecutors.RequireSharedStore(store);
        var kubernetes = KubernetesSettings.Resolve(setting);
        services.AddSingleton(kubernetes);
        services.AddSingleton(_ => new KubernetesClients(kubernetes));
        // Lost pods are retried by the dispatcher, one record per attempt, like lost processes.
        services.AddKeyedSingleton<IUnitExecutor>("kubernetes", (s, _) => new KubernetesUnitExecutor(
            kubernetes, units with { Retries = 0 }, s.GetRequiredService<IUnitHistory>(), s.GetRequiredService<KubernetesClients>()));
        return services;
    }
}
