using System.Globalization;
using System.Text;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling.Plans.Sql;

/// <summary>
/// A tree plan written as one SELECT the warehouse runs: the key, the raw score and the probability, equal to the
/// kernel's floats. Groundwork for scoring inside the warehouse: DuckDB and PostgreSQL, trees as nested CASE; not yet
/// used by runs (see docs/scoring-plans.md).
/// <list type="bullet">
/// <item>Featurisation gives each slot as a DOUBLE that is never NULL: the value, or the imputed value when missing;
/// 1 or 0 for missing flags and one-hot levels.</item>
/// <item>A float threshold t is compared without casting to REAL: a value rounds to a float ≤ t exactly when it is
/// below the midpoint between t and the next float up, or on it when t's last bit is even (ties round to even). So
/// the routing is ML.NET's float32 comparison, on every warehouse, and values beyond the float range need no cast.</item>
/// <item>Trees are added in order, in DOUBLE, with explicit parentheses, from the bias; the sum is rounded to REAL,
/// then calibrated in DOUBLE and rounded again, as ML.NET does.</item>
/// <item>Trees are grouped into nested sub-selects, each carrying the running sum, so no statement nests more than a
/// group's trees and the order of additions stays the kernel's.</item>
/// </list>
/// </summary>
public static class PlanSql
{
    /// <summary>Trees per sub-select: small enough for a planner to handle, large enough to keep few layers.</summary>
    public const int TreesPerLayer = 25;

    /// <param name="columns">The columns the table holds: an input it lacks is missing on every row, as the kernel scores it.</param>
    /// <param name="carry">Columns of the table passed through unchanged after the probability (a target beside its scores), named c0, c1…</param>
    public static string Select(ScoringPlan plan, ISqlDialect dialect, string table, string key, IReadOnlyCollection<string> columns,
        IReadOnlyList<string>? carry = null)
    {
        var ensemble = plan.Ensemble ?? throw new ScoringPlanException("Only tree ensembles are written as SQL so far.");
        var q = dialect.QuoteIdentifier;
        var slots = Featurise(plan, dialect, columns.ToHashSet(StringComparer.OrdinalIgnoreCase));
        carry ??= [];
        var carried = string.Concat(carry.Select((_, c) => $", c{c}"));
        var slotList = string.Join(", ", Enumerable.Range(0, plan.Slots).Select(s => $"s{s}")) + carried;
        var sql = new StringBuilder();
        sql.Append($"SELECT k, {slotList}, {Number(ensemble.Bias)} AS running FROM (SELECT {q(key)} AS k, ")
            .Append(string.Join(", ", slots.Select((e, s) => $"{e} AS s{s}").Concat(carry.Select((c, i) => $"{q(c)} AS c{i}"))))
            .Append($" FROM {q(table)}) featurised");
        var trees = ensemble.Trees;
        for (var first = 0; first < trees.Count; first += TreesPerLayer)
        {
            var sum = "running";
            for (var t = first; t < Math.Min(trees.Count, first + TreesPerLayer); t++)
            {
                sum = $"({sum} + {Tree(trees[t])})";
            }

            sql.Insert(0, $"SELECT k, {slotList}, {sum} AS running FROM (").Append($") layer{first / TreesPerLayer}");
        }

        const string real = "REAL";
        var raw = $"CAST(running AS {real})";
        var probability = plan.Calibrator is { } platt
            ? $"CAST(1.0 / (1.0 + EXP({Number(platt.Slope)} * CAST({raw} AS {Double(dialect)}) + {Number(platt.Offset)})) AS {real})"
            : raw;
        return $"SELECT k AS {q(key)}, {raw} AS raw_score, {probability} AS probability{carried} FROM ({sql}) scored";
    }

    private static string[] Featurise(ScoringPlan plan, ISqlDialect dialect, HashSet<string> held)
    {
        var slots = Enumerable.Repeat("0.0", plan.Slots).ToArray();
        var q = dialect.QuoteIdentifier;
        foreach (var input in plan.Inputs)
        {
            var column = held.Contains(input.Name) ? q(input.Name) : "NULL";
            if (input.IsNumber)
            {
                var value = $"CAST({column} AS {Double(dialect)})";
                var missing = $"({column} IS NULL OR {IsNaN(value, dialect)})";
                slots[input.Slot] = $"CASE WHEN {missing} THEN {Number(input.Impute ?? 0f)} ELSE {value} END";
                if (input.MissingSlot is { } flag)
                {
                    slots[flag] = $"CASE WHEN {missing} THEN 1.0 ELSE 0.0 END";
                }

                continue;
            }

            for (var l = 0; l < input.Levels!.Count; l++)
            {
                slots[input.Slot + l] = $"CASE WHEN CAST({column} AS {dialect.TextType()}) = {dialect.TextLiteral(input.Levels[l])} THEN 1.0 ELSE 0.0 END";
            }
        }

        return slots;
    }

    private static string Tree(PlanTree tree)
    {
        if (tree.Split.Length == 0)
        {
            return Number(tree.Weight * tree.Leaves[0]);
        }

        string Node(int node)
        {
            if (node < 0)
            {
                return Number(tree.Weight * tree.Leaves[~node]);
            }

            var left = tree.CategoricalSplits?.GetValueOrDefault(node) is { } set
                ? $"NOT ({string.Join(" OR ", set.Select(s => $"s{s} > 0"))})"
                : AtMost($"s{tree.Split[node]}", tree.Threshold[node]);
            return $"CASE WHEN {left} THEN {Node(tree.Left[node])} ELSE {Node(tree.Right[node])} END";
        }

        return Node(0);
    }

    /// <summary>"The value, rounded to float, is ≤ t", written on the DOUBLE value.</summary>
    internal static string AtMost(string value, float threshold)
    {
        if (float.IsPositiveInfinity(threshold))
        {
            return "1 = 1";
        }

        // The midpoint between t and the next float up is exact in double; above float.MaxValue it is 2^128 − 2^103.
        var up = MathF.BitIncrement(threshold);
        var midpoint = float.IsPositiveInfinity(up) ? 3.4028235677973366E+38 : ((double)threshold + up) / 2;
        var even = (BitConverter.SingleToInt32Bits(threshold) & 1) == 0;
        return $"{value} {(even ? "<=" : "<")} {Number(midpoint)}";
    }

    /// <summary>A double as a literal that reads back to the same double (exponent form, so it is read as a double).</summary>
    internal static string Number(double value) => value.ToString("E17", CultureInfo.InvariantCulture);

    private static string Double(ISqlDialect dialect) => dialect.Kind == WarehouseKind.DuckDb ? "DOUBLE" : "DOUBLE PRECISION";

    private static string IsNaN(string value, ISqlDialect dialect) => dialect.Kind switch
    {
        WarehouseKind.DuckDb => $"isnan({value})",
        // PostgreSQL holds NaN in double precision and treats it as equal to itself.
        _ => $"{value} = CAST('NaN' AS DOUBLE PRECISION)",
    };
}
