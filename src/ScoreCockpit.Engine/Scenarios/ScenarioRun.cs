namespace ScoreCockpit.Engine.Scenarios;

public enum RunStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>The process died while the run was in progress.</summary>
    Interrupted,

    /// <summary>Triggered while the same scenario was already running, or dropped by the catch-up policy.</summary>
    Skipped,
}

/// <summary>One execution of a scenario, durable from its first instant.</summary>
public sealed class ScenarioRun
{
    public long Id { get; set; }
    public int ScenarioId { get; set; }
    public required string ScenarioName { get; set; }
    public int? ScoreId { get; set; }
    public RunStatus Status { get; set; }

    /// <summary>What started it in words: "manual", "weekly: Wednesdays at 11:40 (Europe/Paris)", "catch-up…".</summary>
    public required string Trigger { get; set; }

    public required string StartedBy { get; set; }

    /// <summary>The fire time it ran for (UTC); null for a manual run.</summary>
    public DateTime? ScheduledFor { get; set; }

    /// <summary>The day the run takes as "today" for its date expressions and as-of steps.</summary>
    public DateOnly AsOf { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long DurationMs { get; set; }

    /// <summary>JSON object: the variables as they stood at the end of the run (name → {type, value}).</summary>
    public string VariablesJson { get; set; } = "{}";

    /// <summary>host:process that runs it, for people; <see cref="LeaseExpiresAt"/> tells a live run from a dead one.</summary>
    public required string Owner { get; set; }

    /// <summary>
    /// While running: the owner renews this (UTC) well before it passes; once passed, any host marks the run
    /// interrupted (<see cref="Scoring.InterruptedRuns"/>).
    /// </summary>
    public DateTime? LeaseExpiresAt { get; set; }

    public string? FailedStep { get; set; }
    public string? Failure { get; set; }

    /// <summary>Checks that ended in WARNING or ERROR during the run.</summary>
    public int CheckWarnings { get; set; }

    /// <summary>The interrupted run this one tries again (<see cref="Scheduling.InterruptedRunRetries"/>); null for a first attempt.</summary>
    public long? RetryOf { get; set; }

    /// <summary>1 for a first attempt, 2 for its first retry after an interruption…</summary>
    public int Attempt { get; set; } = 1;

    /// <summary>Set when the duration alert went out, so it goes out once.</summary>
    public DateTime? DurationAlertAt { get; set; }

    public List<ScenarioStepRun> Steps { get; set; } = [];
}
