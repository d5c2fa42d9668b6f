using System.Globalization;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units;

/// <summary>Where an installation runs its units.</summary>
public enum ExecutorKind
{
    /// <summary>In the process that asked (the portal, the CLI, the scheduler): the default.</summary>
    InProcess,

    /// <summary>In child processes of this machine, `scorecockpit unit run …`.</summary>
    Process,

    /// <summary>In Kubernetes Jobs of the portal's own image.</summary>
    Kubernetes,
}

/// <summary>
/// The installation's executor (<c>Units:Executor</c>), how many units run at once (<c>Units:Workers</c>), how often a
/// lost unit (evicted, killed) is tried again (<c>Units:Retries</c>), and for child processes the command that starts
/// the command line (<c>Units:Command</c>; default: the `scorecockpit` next to this program).
/// </summary>
public sealed record UnitSettings(ExecutorKind Executor, int Workers, int Retries, string? Command)
{
    public const string ExecutorKey = "Units:Executor";
    public const string WorkersKey = "Units:Workers";
    public const string RetriesKey = "Units:Retries";
    public const string CommandKey = "Units:Command";

    public static UnitSettings Default { get; } = new(ExecutorKind.InProcess, 1, 1, null);

    public static UnitSettings Resolve(Func<string, string?> setting)
    {
        var executor = setting(ExecutorKey) is { Length: > 0 } text ? ParseExecutor(text, ExecutorKey) : ExecutorKind.InProcess;
        var workers = Count(setting(WorkersKey), WorkersKey, minimum: 1) ?? DefaultWorkers(executor);
        var retries = Count(setting(RetriesKey), RetriesKey, minimum: 0) ?? Default.Retries;
        var command = setting(CommandKey);
        return new UnitSettings(executor, workers, retries, string.IsNullOrWhiteSpace(command) ? null : command.Trim());
    }

    /// <summary>One unit at a time in-process (the kernel already spreads a unit over the cores); one per core for processes.</summary>
    public static int DefaultWorkers(ExecutorKind executor) => executor switch
    {
        ExecutorKind.Process => Environment.ProcessorCount,
        ExecutorKind.Kubernetes => 4,
        _ => 1,
    };

    public static string Name(ExecutorKind executor) => executor switch
    {
        ExecutorKind.Process => "process",
        ExecutorKind.Kubernetes => "kubernetes",
        _ => "in-process",
    };

    public static ExecutorKind ParseExecutor(string text, string what) => text.Trim().ToLowerInvariant() switch
    {
        "in-process" or "inprocess" => ExecutorKind.InProcess,
        "process" or "processes" or "local-processes" => ExecutorKind.Process,
        "kubernetes" or "k8s" => ExecutorKind.Kubernetes,
        _ => throw new CockpitSetupException($"{what} is '{text}': use in-process, process or kubernetes."),
    };

    private static int? Count(string? text, string key, int minimum)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= minimum
            ? count
            : throw new CockpitSetupException($"{key} is '{text}': give a whole number of at least {minimum}.");
    }
}
