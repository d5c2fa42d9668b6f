namespace ScoreCockpit.Engine.Units;

/// <summary>
/// Runs units of work somewhere: in this process, in child processes, in Kubernetes Jobs. An executor returns the
/// unit's result, a failed one included (with what to fix in its message); it throws only when it cannot run units at
/// all (a missing kubeconfig, a namespace it may not use), with a <see cref="Storage.CockpitSetupException"/> saying so.
/// </summary>
public interface IUnitExecutor
{
    /// <summary>"in-process", "process" or "kubernetes".</summary>
    string Name { get; }

    /// <param name="log">Each line the unit prints (its progress, a pod's events), as it comes.</param>
    Task<UnitResult> RunAsync(UnitOfWork unit, Action<string> log, CancellationToken ct);
}
