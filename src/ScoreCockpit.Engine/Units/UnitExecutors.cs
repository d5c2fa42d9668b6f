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
        if (store.Provider == StoreProvider.Sqlite)
        {
            throw new CockpitSetupException(
                "Units cannot run as Kubernetes Jobs on a SQLite cockpit store: a SQLite file lives on one machine, and the Jobs run on others. " +
                "Use PostgreSQL (Store:Provider=Postgres) or SQL Server as the store, or set Units:Executor to in-process or process.");
        }

        return services.GetKeyedService<IUnitExecutor>("kubernetes")
            ?? throw new CockpitSetupException("This build has no Kubernetes executor.");
    }
}
