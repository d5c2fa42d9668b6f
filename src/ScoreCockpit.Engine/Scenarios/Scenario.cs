namespace ScoreCockpit.Engine.Scenarios;

/// <summary>A stored scenario: its definition as JSON, and where the scheduler has got to.</summary>
public sealed class Scenario
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The score it belongs to; null for a global scenario.</summary>
    public int? ScoreId { get; set; }

    public string Description { get; set; } = "";
    public required string DefinitionJson { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>
    /// Fire times up to this instant (UTC) have been considered; the next tick looks after it, so a restart
    /// sees what it missed and applies the catch-up policy.
    /// </summary>
    public DateTime ScheduledThrough { get; set; }

    /// <summary>The next time any trigger fires (UTC), for the pages; null when only manual.</summary>
    public DateTime? NextFireAt { get; set; }
}
