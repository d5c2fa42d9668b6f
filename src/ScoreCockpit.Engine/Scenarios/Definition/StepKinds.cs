using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>A variable a step sets: a date expression ("last wednesday") for dates, a literal or <c>${name}</c> otherwise.</summary>
public sealed record VariableAssignment(string Name, VariableType Type, string Value);

public sealed record SetVariablesStep : StepDefinition
{
    public IReadOnlyList<VariableAssignment> Variables { get; init; } = [];
}

/// <summary>A SQL script (a dataprep or any statement) on a warehouse connection: the score's, or the demo warehouse for a global scenario.</summary>
public sealed record RunSqlStep : StepDefinition
{
    public string Sql { get; init; } = "";
    public string? Connection { get; init; }
}

/// <summary>Builds the score's snapshot for the date (a date expression; default <c>${date_ref}</c>).</summary>
public sealed record BuildSnapshotStep : StepDefinition
{
    public string? Date { get; init; }
}

public sealed record TrainVersionStep : StepDefinition
{
    /// <summary>As-of day (a date expression); default the run's day.</summary>
    public string? AsOf { get; init; }
}

public sealed record TrainChallengersStep : StepDefinition
{
    public string? AsOf { get; init; }
}

public sealed record EvaluateAllVersionsStep : StepDefinition
{
}

/// <summary>Re-reads the target of the score's snapshots whose labels have become final since they were built.</summary>
public sealed record RefreshLabelsStep : StepDefinition
{
}

/// <summary>Scores the snapshot of the date (default <c>${date_ref}</c>) with the active version.</summary>
public sealed record ScoreStep : StepDefinition
{
    public string? Date { get; init; }
}

/// <summary>Deletes versions trained up to a date (a date expression); the active one and all evaluations stay.</summary>
public sealed record PurgeVersionsStep : StepDefinition
{
    public string UpTo { get; init; } = "";
    public bool DryRun { get; init; }
}

/// <summary>Writes the score's Excel report into the data folder's reports/ (or <see cref="Folder"/>).</summary>
public sealed record ExportReportStep : StepDefinition
{
    public string? Folder { get; init; }
}

/// <summary>A mail; <c>${variables}</c> are replaced in the subject and body.</summary>
public sealed record SendMessageStep : StepDefinition
{
    public IReadOnlyList<string> To { get; init; } = [];
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
}
