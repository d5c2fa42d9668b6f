namespace ScoreCockpit.Engine.Scenarios;

public enum StepStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
    Interrupted,
}

/// <summary>One step of a run: status, timing, its log and its typed outputs.</summary>
public sealed class ScenarioStepRun
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public required string Type { get; set; }
    public StepStatus Status { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long DurationMs { get; set; }

    /// <summary>Log lines, newline-separated, each prefixed with its time.</summary>
    public string Log { get; set; } = "";

    /// <summary>JSON object of typed outputs (name → {type, value}) that later steps and conditions read.</summary>
    public string OutputsJson { get; set; } = "{}";

    /// <summary>Why it failed, or why it was skipped.</summary>
    public string? Message { get; set; }
}
