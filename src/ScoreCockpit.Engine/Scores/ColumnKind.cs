namespace ScoreCockpit.Engine.Scores;

/// <summary>How a snapshot column is used by models: inferred from the data, overridable per score.</summary>
public enum ColumnKind
{
    Numeric,
    Categorical,
    Boolean,
    Date,

    /// <summary>Unique per row (a key, a phone number): never a feature.</summary>
    Identifier,
}
