using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling.Plans.Sql;

/// <summary>
/// Featurisation as SQL: each slot a double that is never NULL, so the trees' conditions are two-valued. The value, or
/// the imputed value when missing; 1 or 0 for missing flags and one-hot levels.
/// </summary>
internal static class PlanSqlFeatures
{
    public static string[] Slots(ScoringPlan plan, ISqlDialect dialect, PlanSqlLimits limits, HashSet<string> held, HashSet<string> booleans)
    {
        // DECIMAL literals would type SQL Server's and Teradata's slots (and scratch columns) as DECIMAL: FLOAT literals there.
        var (one, zero) = Classic(dialect) ? ("1.0", "0.0") : ("1E0", "0E0");
        var slots = Enumerable.Repeat(zero, plan.Slots).ToArray();
        var q = dialect.QuoteIdentifier;
        foreach (var input in plan.Inputs)
        {
            var isHeld = held.Contains(input.Name);
            var column = isHeld ? q(input.Name) : "NULL";
            if (input.IsNumber)
            {
                // A boolean is 1 or 0 to the kernel; PostgreSQL, for one, has no cast from boolean to a double.
                var value = isHeld && booleans.Contains(input.Name)
                    ? $"CASE WHEN {column} THEN {one} WHEN NOT {column} THEN {zero} END"
                    : $"CAST({column} AS {dialect.FloatType})";
                if (!Classic(dialect) && !isHeld)
                {
                    // A column the table lacks is missing on every row; a bare NULL is not a typed value everywhere.
                    slots[input.Slot] = PlanSql.Number(input.Impute ?? 0f);
                    if (input.MissingSlot is { } absent)
                    {
                        slots[absent] = one;
                    }

                    continue;
                }

                var missing = limits.HoldsNaN ? $"({column} IS NULL OR {IsNaN(value, dialect)})" : $"{column} IS NULL";
                slots[input.Slot] = $"CASE WHEN {missing} THEN {PlanSql.Number(input.Impute ?? 0f)} ELSE {value} END";
                if (input.MissingSlot is { } flag)
                {
                    slots[flag] = $"CASE WHEN {missing} THEN {one} ELSE {zero} END";
                }

                continue;
            }

            for (var l = 0; l < input.Levels!.Count; l++)
            {
                slots[input.Slot + l] = $"CASE WHEN {TextEquals(dialect, column, input.Levels[l])} THEN {one} ELSE {zero} END";
            }
        }

        return slots;
    }

    /// <summary>
    /// The value as text is exactly the level, as the kernel compares: SQL Server's and Teradata's default comparisons
    /// ignore case, so they are told to compare binary (SQL Server) or case-specific (Teradata). Both still ignore
    /// trailing spaces.
    /// </summary>
    public static string TextEquals(ISqlDialect dialect, string value, string level) => dialect.Kind switch
    {
        WarehouseKind.SqlServer => $"CAST({value} AS {dialect.TextType()}) COLLATE Latin1_General_100_BIN2 = {dialect.TextLiteral(level)}",
        WarehouseKind.Teradata => $"CAST({value} AS {dialect.TextType()}) (CASESPECIFIC) = {dialect.TextLiteral(level)}",
        _ => $"CAST({value} AS {dialect.TextType()}) = {dialect.TextLiteral(level)}",
    };

    /// <summary>DuckDB and PostgreSQL keep the text they were first written with (and checked bit for bit).</summary>
    public static bool Classic(ISqlDialect dialect) => dialect.Kind is WarehouseKind.DuckDb or WarehouseKind.Postgres;

    public static string IsNaN(string value, ISqlDialect dialect) => dialect.Kind switch
    {
        WarehouseKind.DuckDb => $"isnan({value})",
        // PostgreSQL holds NaN in double precision and treats it as equal to itself.
        _ => $"{value} = CAST('NaN' AS DOUBLE PRECISION)",
    };
}
