namespace ScoreCockpit.Engine.Variables;

/// <summary>What a variable holds; the type decides how it may reach SQL.</summary>
public enum VariableType
{
    Date,
    Integer,
    Decimal,
    Text,

    /// <summary>A table or column name: checked against a strict pattern, then quoted.</summary>
    Identifier,
}

/// <summary>Where a variable is defined. A run overrides a score, which overrides the global value.</summary>
public enum VariableScope
{
    Global,
    Score,
    Run,
}
