namespace ScoreCockpit.Engine.Units;

public enum UnitRunStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Its process was lost (evicted, killed, its machine gone): tried again per <see cref="UnitSettings.Retries"/>.</summary>
    Interrupted,
}

/// <summary>
/// One attempt at a unit of work, recorded in the cockpit store whatever runs it: its outcome for people, its
/// duration for the next deadline, and while it runs a lease that its process renews, so any host can tell a lost
/// unit from a slow one.
/// </summary>
public sealed class UnitRun
{
    public long Id { get; set; }
    public int ScoreId { get; set; }

    /// <summary>"evaluate", "train"… (<see cref="UnitKinds"/>).</summary>
    public required string Kind { get; set; }

    /// <summary>"evaluate churn on 2025-03-01 (v3, v4)".</summary>
    public required string Description { get; set; }

    /// <summary>JSON array: the command line after the program, to run it again by hand.</summary>
    public required string ArgumentsJson { get; set; }

    /// <summary>"in-process", "process" or "kubernetes".</summary>
    public required string Executor { get; set; }

    /// <summary>Where it ran: "process 4711", "kubernetes job scorecockpit-evaluate-3fa2"; set once known.</summary>
    public string? Place { get; set; }

    /// <summary>1 for the first attempt; a retry after an interruption is a new record with the next number.</summary>
    public int Attempt { get; set; } = 1;

    public UnitRunStatus Status { get; set; }

    /// <summary>The scenario run it belongs to, when a scenario step dispatched it.</summary>
    public long? ScenarioRunId { get; set; }

    public required string StartedBy { get; set; }

    /// <summary>host:process renewing the lease: the dispatcher until the unit's own process takes it over.</summary>
    public required string Owner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long DurationMs { get; set; }

    /// <summary>The unit's result line (<see cref="UnitResult.ToLine"/>) when it finished.</summary>
    public string? ResultJson { get; set; }

    public string? Failure { get; set; }
}
