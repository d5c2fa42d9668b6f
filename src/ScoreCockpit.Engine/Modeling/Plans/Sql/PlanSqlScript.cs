namespace ScoreCockpit.Engine.Modeling.Plans.Sql;

/// <summary>
/// A plan written as statements: <see cref="Setup"/> creates scratch tables, each adding a group of trees to the running
/// sum (only when one SELECT would pass the warehouse's statement limit); <see cref="Select"/> returns the key, raw_score
/// and probability; <see cref="Cleanup"/> drops what is left of the scratch tables. Run in this order, on one session.
/// </summary>
public sealed record PlanSqlScript(IReadOnlyList<string> Setup, string Select, IReadOnlyList<string> Cleanup)
{
    /// <summary>Every statement in order, for people who run them by hand.</summary>
    public IEnumerable<string> Statements => [.. Setup, Select, .. Cleanup];

    /// <summary>The statements as one text, each ended with a semicolon.</summary>
    public string Text => string.Join("\n\n", Statements.Select(s => s + ";")) + "\n";
}

/// <summary>
/// A plan that cannot be written within a warehouse's limits (or not written as SQL at all): the message names the
/// warehouse, the limit and its value, and says to score the version in-process.
/// </summary>
public sealed class PlanSqlLimitException : ScoringPlanException
{
    public PlanSqlLimitException()
        : base("This plan cannot be written as SQL: score this version in-process.")
    {
    }

    public PlanSqlLimitException(string message)
        : base(message)
    {
    }

    public PlanSqlLimitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
