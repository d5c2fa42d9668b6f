using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Units;

/// <summary>The engine's units of work: each runs alone, in this process, in a child process or in a Kubernetes Job.</summary>
public enum UnitKind
{
    BuildSnapshot,
    RefreshLabels,
    Train,
    TrainChallengers,
    Evaluate,
    Score,
}

public static class UnitKinds
{
    private static readonly Dictionary<UnitKind, string> Names = new()
    {
        [UnitKind.BuildSnapshot] = "build-snapshot",
        [UnitKind.RefreshLabels] = "refresh-labels",
        [UnitKind.Train] = "train",
        [UnitKind.TrainChallengers] = "train-challengers",
        [UnitKind.Evaluate] = "evaluate",
        [UnitKind.Score] = "score",
    };

    public static IReadOnlyCollection<string> All => Names.Values;

    /// <summary>The name on the command line and in results: "train-challengers".</summary>
    public static string Name(this UnitKind kind) => Names[kind];

    public static UnitKind Parse(string name) =>
        Names.FirstOrDefault(n => string.Equals(n.Value, name.Trim(), StringComparison.OrdinalIgnoreCase)) is { Value: not null } found
            ? found.Key
            : throw new CockpitValidationException($"'{name}' is not a unit of work: use one of {string.Join(", ", Names.Values)}.");
}
