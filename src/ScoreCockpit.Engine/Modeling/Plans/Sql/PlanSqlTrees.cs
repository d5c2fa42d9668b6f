namespace ScoreCockpit.Engine.Modeling.Plans.Sql;

/// <summary>
/// One tree as a CASE expression of the slots s0, s1… Nested, one CASE per node, where the warehouse has no nesting
/// limit; where it has one, nested down to that depth and, below, one flat CASE per subtree with a WHEN per leaf.
/// </summary>
internal static class PlanSqlTrees
{
    /// <param name="caseNesting">Levels of CASE the tree may nest; null: no limit.</param>
    public static string Tree(PlanTree tree, int? caseNesting)
    {
        if (tree.Split.Length == 0)
        {
            return Leaf(tree, 0);
        }

        string Node(int node, int depth)
        {
            if (node < 0)
            {
                return Leaf(tree, ~node);
            }

            if (depth == caseNesting)
            {
                return Flat(tree, node);
            }

            return $"CASE WHEN {Left(tree, node)} THEN {Node(tree.Left[node], depth + 1)} ELSE {Node(tree.Right[node], depth + 1)} END";
        }

        return Node(0, 1);
    }

    /// <summary>
    /// The subtree under <paramref name="root"/> as one CASE: each leaf's path is the conjunction of its splits' conditions,
    /// the right-hand one written so a NULL goes right, as NaN does in the kernel (slots are never NULL, but a flat CASE
    /// must not depend on that to stay a partition). Every leaf has its WHEN; no ELSE, so a row no path takes would show as
    /// a NULL score rather than a wrong one.
    /// </summary>
    private static string Flat(PlanTree tree, int root)
    {
        var whens = new List<string>();
        var path = new List<string>();

        void Walk(int node)
        {
            if (node < 0)
            {
                whens.Add($"WHEN {string.Join(" AND ", path)} THEN {Leaf(tree, ~node)}");
                return;
            }

            path.Add(Left(tree, node));
            Walk(tree.Left[node]);
            path[^1] = Right(tree, node);
            Walk(tree.Right[node]);
            path.RemoveAt(path.Count - 1);
        }

        Walk(root);
        return $"CASE {string.Join(" ", whens)} END";
    }

    private static string Leaf(PlanTree tree, int leaf) => PlanSql.Number(tree.Weight * tree.Leaves[leaf]);

    private static string Left(PlanTree tree, int node) => tree.CategoricalSplits?.GetValueOrDefault(node) is { } set
        ? $"NOT ({AnyAbove0(set)})"
        : AtMost($"s{tree.Split[node]}", tree.Threshold[node]);

    private static string Right(PlanTree tree, int node)
    {
        if (tree.CategoricalSplits?.GetValueOrDefault(node) is { } set)
        {
            return $"({AnyAbove0(set)})";
        }

        var value = $"s{tree.Split[node]}";
        return Bound(tree.Threshold[node]) is { } b
            ? $"({value} {(b.Inclusive ? ">" : ">=")} {PlanSql.Number(b.Value)} OR {value} IS NULL)"
            : $"{value} IS NULL";
    }

    private static string AnyAbove0(int[] slots) => string.Join(" OR ", slots.Select(s => $"s{s} > 0"));

    /// <summary>"The value, rounded to float, is ≤ t", written on the DOUBLE value.</summary>
    public static string AtMost(string value, float threshold) =>
        Bound(threshold) is { } b ? $"{value} {(b.Inclusive ? "<=" : "<")} {PlanSql.Number(b.Value)}" : "1 = 1";

    /// <summary>
    /// A value rounds to a float ≤ t exactly when it is below the midpoint between t and the next float up, or on it when
    /// t's last bit is even (ties round to even). Null for t = +∞: every value is ≤ t.
    /// </summary>
    private static (double Value, bool Inclusive)? Bound(float threshold)
    {
        if (float.IsPositiveInfinity(threshold))
        {
            return null;
        }

        // The midpoint between t and the next float up is exact in double; above float.MaxValue it is 2^128 − 2^103.
        var up = MathF.BitIncrement(threshold);
        var midpoint = float.IsPositiveInfinity(up) ? 3.4028235677973366E+38 : ((double)threshold + up) / 2;
        return (midpoint, (BitConverter.SingleToInt32Bits(threshold) & 1) == 0);
    }
}
