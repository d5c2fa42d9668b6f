using System.Globalization;
using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling.Plans;

/// <summary>What can be checked of a plan's SQL by reading its text, for warehouses the tests cannot run.</summary>
internal static partial class PlanSqlText
{
    /// <summary>Nesting depth of CASE … END, counted on the text outside quoted names and literals.</summary>
    public static int CaseDepth(string sql)
    {
        var (depth, deepest) = (0, 0);
        foreach (Match token in Tokens().Matches(Unquoted(sql)))
        {
            switch (token.Value.ToUpperInvariant())
            {
                case "CASE":
                    deepest = Math.Max(deepest, ++depth);
                    break;
                case "END":
                    depth--;
                    break;
            }
        }

        Assert.Equal(0, depth);
        return deepest;
    }

    /// <summary>Every double literal in the text, as written.</summary>
    public static IEnumerable<string> Literals(string sql) => NumberLiterals().Matches(Unquoted(sql)).Select(m => m.Value);

    /// <summary>
    /// The script keeps within the warehouse's limits, every double literal reads back to the value written, every value
    /// the plan means (bias, leaves, thresholds' midpoints; or bias, weights and scaling) is there, and each number input the table holds is tested for NULL.
    /// </summary>
    public static PlanSqlScript AssertWithinLimits(ScoringPlan plan, ISqlDialect dialect, string table, string key, IReadOnlyCollection<string> columns)
    {
        var limits = PlanSqlLimits.For(dialect.Kind);
        var script = PlanSql.Script(plan, dialect, table, key, columns);
        var text = string.Join("\n", script.Statements);
        foreach (var statement in script.Statements)
        {
            Assert.True(limits.StatementBytes is not { } most || limits.Measure(statement) <= most,
                $"{limits.Name}: a statement of {limits.Measure(statement):N0} bytes");
            if (limits.CaseNesting is { } nesting)
            {
                Assert.InRange(CaseDepth(statement), 0, nesting);
            }
        }

        var written = Literals(text).ToHashSet(StringComparer.Ordinal);
        foreach (var literal in written)
        {
            var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(literal, value.ToString("E17", CultureInfo.InvariantCulture));
        }

        foreach (var meant in Meant(plan))
        {
            Assert.Contains(meant.ToString("E17", CultureInfo.InvariantCulture), written);
        }

        foreach (var input in plan.Inputs.Where(i => i.IsNumber && columns.Contains(i.Name, StringComparer.OrdinalIgnoreCase)))
        {
            Assert.Contains($"{dialect.QuoteIdentifier(input.Name)} IS NULL", text, StringComparison.Ordinal);
        }

        return script;
    }

    private static IEnumerable<double> Meant(ScoringPlan plan)
    {
        if (plan.Linear is { } linear)
        {
            // Bias, weights and scaling, each a float written as the double it is.
            IEnumerable<float> floats = [linear.Bias, .. linear.Weights, .. plan.Scaling?.Scale ?? [], .. plan.Scaling?.Offset ?? []];
            foreach (var value in floats)
            {
                yield return value;
            }

            yield break;
        }

        var ensemble = plan.Ensemble!;
        yield return ensemble.Bias;
        foreach (var tree in ensemble.Trees)
        {
            foreach (var leaf in tree.Leaves)
            {
                yield return tree.Weight * leaf;
            }

            for (var node = 0; node < tree.Split.Length; node++)
            {
                var t = tree.Threshold[node];
                if (tree.CategoricalSplits?.ContainsKey(node) != true && !float.IsInfinity(MathF.BitIncrement(t)))
                {
                    yield return ((double)t + MathF.BitIncrement(t)) / 2;
                }
            }
        }
    }

    private static string Unquoted(string sql) => Quoted().Replace(sql, " ");

    [GeneratedRegex(@"'(?:[^']|'')*'|""[^""]*""|\[[^\]]*\]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(?:CASE|END)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tokens();

    [GeneratedRegex(@"-?\d\.\d{17}E[+-]\d{3}")]
    private static partial Regex NumberLiterals();
}
