namespace ScoreCockpit.Engine.Warehouse;

/// <summary>A value bound to a command rather than written into its text.</summary>
public sealed record SqlParameterValue(string Name, object Value);

/// <summary>SQL text ready to run, with the values it binds.</summary>
public sealed record RenderedSql(string Sql, IReadOnlyList<SqlParameterValue> Parameters)
{
    public static RenderedSql Plain(string sql) => new(sql, []);
}
