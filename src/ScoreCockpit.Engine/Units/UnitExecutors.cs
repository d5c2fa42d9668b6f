using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units;

/// <summary>The executors this installation can use, made when first asked for: a portal that never uses Kubernetes never reads a kubeconfig.</summary>
public sealed class UnitExecutors(IServiceProvider services, StoreSettings store)
{
    public IUnitExecutor Get(ExecutorKind kind) => kind switch
    {
        ExecutorKind.Process => services.GetRequiredService<Processes.ProcessUnitExecutor>(),
        ExecutorKind.Kubernetes => Kubernetes(),
        _ => throw new InvalidOperationException("In-process units run through the unit runner."),
    };

    private IUnitExecutor Kubernetes()
    {
        RequireSharedStore(store);
        return services.GetKeyedService<IUnitExecutor>("kubernetes") ?? throw new CockpitSetupException(
            "Units are asked to run as Kubernetes Jobs, but this installation's Units:Executor is not kubernetes, so its Kubernetes " +
            "settings were not read: set Units:Executor=kubernetes and Units:Kubernetes:Image, or choose the in-process or process executor.");
    }

    /// <summary>Jobs run on other machines: the store must be one they reach too.</summary>
    public static void RequireSharedStore(StoreSettings store)
    {
        if (store.Provider == StoreProvider.Sqlite)
        {
            throw new CockpitSetupException(
                "Units cannot run as Kubernetes Jobs on a SQLite cockpit store: a SQLite file lives on one machine, and the Jobs run on others. " +
                "Use PostgreSQL (Store:Provider=Postgres, Store:ConnectionString) or SQL Server as the store, or set Units:Executor to in-process or process.");
        }
    }
}
