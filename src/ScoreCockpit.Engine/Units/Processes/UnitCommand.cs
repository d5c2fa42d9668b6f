using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Units.Processes;

/// <summary>
/// How to start the command line for a unit: <c>Units:Command</c> (an executable, or a .dll run by dotnet), else the
/// `scorecockpit.dll` beside this program (the test hosts, a published folder), else `scorecockpit` on the PATH (the
/// image).
/// </summary>
public sealed record UnitCommand(string FileName, IReadOnlyList<string> Arguments)
{
    public static UnitCommand Resolve(string? configured)
    {
        if (configured is { Length: > 0 } path)
        {
            return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? File.Exists(path) ? Dotnet(path) : throw Missing($"{UnitSettings.CommandKey} is '{path}', and that file does not exist")
                : new UnitCommand(path, []);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "scorecockpit.dll");
        if (File.Exists(beside))
        {
            return Dotnet(beside);
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "scorecockpit")).FirstOrDefault(File.Exists);
        return onPath is not null ? new UnitCommand(onPath, [])
            : throw Missing($"{UnitSettings.CommandKey} is not set, and there is no scorecockpit.dll beside this program nor scorecockpit on the PATH");
    }

    /// <summary>The dotnet that runs this process's tools when known (the SDK sets it), else the one on the PATH.</summary>
    private static UnitCommand Dotnet(string dll) => new(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [dll]);

    private static CockpitSetupException Missing(string what) =>
        new($"Units cannot run in child processes: {what}. Set {UnitSettings.CommandKey} to the scorecockpit command line " +
            "(an executable, or its scorecockpit.dll), or set Units:Executor to in-process.");
}
