namespace ScoreCockpit.Engine.Scores;

/// <summary>
/// One prediction use-case (renewal, churn, cross-sell…) as stored: its name, who made and changed it,
/// and its definition, kept as one JSON document so it exports and imports as it is stored.
/// </summary>
public sealed class Score
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public required string DefinitionJson { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    /// <summary>Filed away: out of the portfolio and the scenario pickers, still readable by its address (UTC).</summary>
    public DateTime? ArchivedAt { get; set; }

    /// <summary>
    /// Deleted (UTC): the row stays because evaluations and activations point at it, but no query sees it
    /// (a query filter in ScoreMap) and its name was released.
    /// </summary>
    public DateTime? DeletedAt { get; set; }
}
