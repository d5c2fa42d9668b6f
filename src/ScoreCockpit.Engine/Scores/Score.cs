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
}
