namespace ScoreCockpit.Engine.Scores;

/// <summary>One prediction use-case (renewal, churn, cross-sell…).</summary>
public sealed class Score
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
