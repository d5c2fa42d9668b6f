using System.Globalization;
using ScoreCockpit.Engine.PushDown;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Units;

/// <summary>
/// One unit of work on a score, complete enough to run in another process: <see cref="ToArguments"/> is the command
/// line `scorecockpit unit run …` that does it. Running it twice leaves the store as running it once.
/// </summary>
public sealed record UnitOfWork(UnitKind Kind, string Score)
{
    /// <summary>build-snapshot: the reference date (required); train and train-challengers: the as-of date (default
    /// today); evaluate: the one labelled date to evaluate (default every one); score: the snapshot's reference date
    /// (default the latest).</summary>
    public DateOnly? Date { get; init; }

    /// <summary>evaluate: "today" for the label calendar and the versions that existed then (a backfill replays past
    /// days); default today.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>evaluate: only these version numbers; empty: every version not yet evaluated.</summary>
    public IReadOnlyList<int> Versions { get; init; } = [];

    /// <summary>build-snapshot: run variables on top of the score's own.</summary>
    public IReadOnlyList<Variable> Variables { get; init; } = [];

    /// <summary>evaluate: compute again the pairs already stored.</summary>
    public bool Recompute { get; init; }

    public Execution? Execution { get; init; }

    /// <summary>The unit's record in the cockpit store (its lease, its outcome); null when run by hand.</summary>
    public long? RunId { get; init; }

    /// <summary>For people and logs: "evaluate churn on 2025-03-01 (v3, v4)".</summary>
    public string Describe()
    {
        var text = $"{Kind.Name()} {Score}";
        if (Date is { } date)
        {
            text += Kind is UnitKind.Train or UnitKind.TrainChallengers ? $" as of {Day(date)}" : $" on {Day(date)}";
        }

        if (AsOf is { } asOf)
        {
            text += $" (as of {Day(asOf)})";
        }

        return Versions.Count > 0 ? $"{text} ({string.Join(", ", Versions.Select(v => $"v{v}"))})" : text;
    }

    /// <summary>The arguments after the program: `unit run evaluate --score churn --date 2025-03-01 --version 3 …`.</summary>
    public IReadOnlyList<string> ToArguments()
    {
        var arguments = new List<string> { "unit", "run", Kind.Name(), "--score", Score };
        if (Date is { } date)
        {
            arguments.AddRange(["--date", Day(date)]);
        }

        if (AsOf is { } asOf)
        {
            arguments.AddRange(["--as-of", Day(asOf)]);
        }

        foreach (var version in Versions)
        {
            arguments.AddRange(["--version", version.ToString(CultureInfo.InvariantCulture)]);
        }

        foreach (var variable in Variables.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            // The type is spelled out: "0042" may be text, and must not come back as the integer 42.
            arguments.AddRange(["--var", $"{variable.Name}:{variable.Type.ToString().ToLowerInvariant()}={variable.Value}"]);
        }

        if (Recompute)
        {
            arguments.Add("--recompute");
        }

        if (Execution is { } execution)
        {
            arguments.AddRange(["--execution", ExecutionNames.Of(execution)]);
        }

        if (RunId is { } id)
        {
            arguments.AddRange(["--unit-run", id.ToString(CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
