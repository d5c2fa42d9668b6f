using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Tests.Support;

public static class TestDefinitions
{
    /// <summary>A valid definition whose dataprep needs no table (one customer).</summary>
    public static ScoreDefinition Sample(string name, string? description = null) => new()
    {
        Name = name,
        Description = description ?? "",
        DataprepSql = "SELECT 1 AS customer_id, ${date_ref} AS date_ref, 0 AS churned",
        KeyColumn = "customer_id",
        TargetColumn = "churned",
        ReferenceDateColumn = "date_ref",
    };
}
