namespace ScoreCockpit.Engine.Variables;

/// <summary>A global variable as stored. Score variables live in the score's definition.</summary>
public sealed class VariableRecord
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public VariableType Type { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public Variable ToVariable() => new(Name, Type, Value);
}
