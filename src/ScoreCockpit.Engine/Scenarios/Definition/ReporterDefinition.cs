namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>Who hears of a run, and on which outcomes.</summary>
public sealed record ReporterDefinition
{
    /// <summary>Addresses; when empty, the default recipients of the mail settings.</summary>
    public IReadOnlyList<string> To { get; init; } = [];
    public bool OnFailure { get; init; } = true;

    /// <summary>A check ended in WARNING or ERROR.</summary>
    public bool OnWarning { get; init; } = true;

    public bool OnSuccess { get; init; }

    /// <summary>The run lasted longer than the scenario's duration limit.</summary>
    public bool OnDuration { get; init; } = true;
}
